import Foundation
import KubeKit
import Testing

@testable import BlueGreen
@testable import KubeSandbox  // SplitMix64, the sandbox's own seedable generator

/// The three pipelines, run over and over against a sandbox that fails requests (5xx, 429),
/// drops connections half-way through answers, cuts watches, injects write conflicts and adds
/// latency. After every run the cluster's real state, read straight from the sandbox's store,
/// must be correct: one ready active version, one switch per switching run, no half-made or
/// lost Deployment, the active version never deleted, the lock released or expiring, and every
/// failure a typed one with its documented exit code. The counts are printed at the end.
///
/// Replay a failing run's sequence with `BLUEGREEN_FAULT_SEED=<base seed>` (printed).
@Suite(.serialized, .timeLimit(.minutes(20)))
struct FaultToleranceTests {
    /// At least this many runs in total.
    static let runCount = 210

    /// Every pipeline run under injected faults ends in a correct cluster state (counts printed).
    @Test func everyRunEndsInACorrectStateUnderFaults() async throws {
        let seed = ProcessInfo.processInfo.environment["BLUEGREEN_FAULT_SEED"].flatMap { UInt64($0) } ?? UInt64.random(in: 0...UInt64(UInt32.max))
        let harness = try await SandboxHarness.start(nodes: 8)
        let runner = FaultRunner(harness: harness, baseSeed: seed)
        let clock = ContinuousClock()
        let started = clock.now
        for index in 0..<Self.runCount {
            await runner.run(index)
        }
        let tally = await runner.tally
        await harness.stop()
        print(tally.report(seed: seed, elapsed: clock.now - started))

        #expect(tally.violations.isEmpty, "\(tally.violations.count) invariant violation(s), base seed \(seed):\n\(tally.violations.joined(separator: "\n"))")
        #expect(tally.totalRuns >= 200)
        for pipeline in FaultTally.Pipeline.allCases {
            #expect(tally.runs[pipeline, default: 0] >= 20, "only \(tally.runs[pipeline, default: 0]) \(pipeline) runs")
            #expect(tally.succeeded[pipeline, default: 0] > 0, "no \(pipeline) run succeeded under faults; the pipelines should ride out a 5% fault rate")
        }
        for kind in ["status 500", "status 503", "status 429", "conflict", "drop", "watch-close"] {
            #expect(tally.faults[kind, default: 0] > 0, "the sandbox injected no '\(kind)' fault; the suite must exercise every kind")
        }
    }
}

/// Drives the runs one after another and checks the invariants after each.
actor FaultRunner {
    let harness: SandboxHarness
    let baseSeed: UInt64
    private(set) var tally = FaultTally()
    /// Every version ever deployed (to read their Deployments back).
    private var versions: [String] = []
    private var nextVersion = 1

    static let lockDuration: Duration = .seconds(3)
    static let runLimit: Duration = .seconds(60)

    init(harness: SandboxHarness, baseSeed: UInt64) {
        self.harness = harness
        self.baseSeed = baseSeed
    }

    /// What one run did.
    enum Outcome: Sendable {
        case deployed(DeployResult)
        case routed(RouteEngine.Outcome)
        case purged(PurgeEngine.Outcome)
        case failed(DeployFailure)
        case timedOut
    }

    /// What one run was asked to do.
    enum Operation: Sendable, CustomStringConvertible {
        case deploy(version: String, broken: Bool)
        case route(RouteEngine.Target)
        case purge(keep: Int)

        var pipeline: FaultTally.Pipeline {
            switch self {
            case .deploy: .deploy
            case .route: .route
            case .purge: .purge
            }
        }

        var description: String {
            switch self {
            case .deploy(let version, let broken): "deploy \(version)\(broken ? " (unpullable image)" : "")"
            case .route(.version(let version)): "route --to \(version)"
            case .route(.rollback): "route --rollback"
            case .purge(let keep): "purge --keep \(keep)"
            }
        }
    }

    func run(_ index: Int) async {
        let runSeed = baseSeed &+ UInt64(index) &* 0x9E37_79B9
        var random = SplitMix64(seed: runSeed)
        let before = await RawClusterState.read(harness.sandbox, versions: versions)
        let operation = choose(before: before, random: &random)
        if case .deploy(let version, _) = operation, !versions.contains(version) { versions.append(version) }
        tally.runs[operation.pipeline, default: 0] += 1

        await harness.sandbox.setFaults(Self.faults(seed: runSeed, index: index))
        harness.sandbox.resetCounters()
        let outcome = await perform(operation, index: index, lockWait: before.lease == nil ? .seconds(2) : Self.lockDuration + .seconds(3))
        await harness.sandbox.setFaults(.none)
        tally.record(faultsFrom: harness.sandbox.requestLog)

        let after = await RawClusterState.read(harness.sandbox, versions: versions)
        var problems = check(operation, outcome: outcome, before: before, after: after)
        problems += await checkLease(after)
        let label = "run \(index) (seed \(runSeed), \(operation))"
        tally.violations += problems.map { "\(label): \($0)" }
    }

    /// The faults of one run: 5% 5xx/429, 3% dropped answers, 5% write conflicts, 5 ms on every
    /// request, and on every other run each watch cut after 250 ms.
    static func faults(seed: UInt64, index: Int) -> FaultConfiguration {
        FaultConfiguration(
            errorRate: 0.05, errorStatuses: [500, 503, 429], retryAfterSeconds: 0, dropRate: 0.03, latencyMilliseconds: 5,
            watchCloseAfterMilliseconds: index % 2 == 0 ? 250 : nil, conflictRate: 0.05, seed: seed)
    }

    // MARK: - Choosing and performing

    private func choose(before: RawClusterState, random: inout SplitMix64) -> Operation {
        let roll = Int.random(in: 0..<100, using: &random)
        let ready = before.deployments.keys.filter { before.isReady($0) }.sorted()
        if roll < 55 || ready.isEmpty {
            if roll < 3, let existing = ready.randomElement(using: &random) { return .deploy(version: existing, broken: false) }
            let version = "\(nextVersion)"
            nextVersion += 1
            return .deploy(version: version, broken: roll % 11 == 0)
        }
        if roll < 80 {
            if roll < 63, let previous = before.history.first?.from, before.isReady(previous), before.history.first?.to == before.selected {
                return .route(.rollback)
            }
            return .route(.version(ready.randomElement(using: &random) ?? ready[0]))
        }
        return .purge(keep: Int.random(in: 0...2, using: &random))
    }

    private func perform(_ operation: Operation, index: Int, lockWait: Duration) async -> Outcome {
        let settings = BlueGreenPipeline.Settings(
            identity: "fault-run-\(index)", actor: "fault-run-\(index)", lockWait: lockWait, lockDuration: Self.lockDuration,
            fastFail: FastFailPolicy(gracePeriods: FastFailPolicy.standard.gracePeriods.mapValues { _ in .seconds(2) }))
        let pipeline = BlueGreenPipeline(client: harness.client, namespace: harness.namespace, settings: settings)
        let templates = harness.templates
        let outcome = await Self.withTimeout(Self.runLimit) { () -> Outcome in
            switch operation {
            case .deploy(let version, let broken):
                let options = BlueGreenPipeline.DeployOptions(
                    app: RawClusterState.app, version: version, image: "registry.example.com/web:\(broken ? "broken" : version)", replicas: 2,
                    templates: templates, imageCheck: .skip, timeout: .seconds(30))
                switch await pipeline.deploy(options) {
                case .success(let result): return .deployed(result)
                case .failure(let failure): return .failed(failure)
                }
            case .route(let target):
                switch await pipeline.route(app: RawClusterState.app, to: target) {
                case .success(let result): return .routed(result)
                case .failure(let failure): return .failed(failure)
                }
            case .purge(let keep):
                switch await pipeline.purge(app: RawClusterState.app, keep: keep) {
                case .success(let result): return .purged(result)
                case .failure(let failure): return .failed(failure)
                }
            }
        }
        return outcome ?? .timedOut
    }

    /// `body`'s value, or nil when it takes longer than `limit` (it is then cancelled).
    static func withTimeout<T: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async -> T) async -> T? {
        await withTaskGroup(of: T?.self) { group in
            group.addTask { await body() }
            group.addTask {
                try? await Task.sleep(for: limit)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }

    // MARK: - Invariants

    /// Everything that must hold after `operation` ended with `outcome`.
    private func check(_ operation: Operation, outcome: Outcome, before: RawClusterState, after: RawClusterState) -> [String] {
        var problems: [String] = []
        let added = after.switchesAdded(since: before)
        if added == nil { problems.append("the switch history was rewritten, not added to: before \(before.history), after \(after.history)") }

        // The Service selects one version that exists and is ready.
        if after.serviceExists {
            if let selected = after.selected {
                if after.deployments[selected] == nil { problems.append("the Service selects \(selected), whose Deployment does not exist") }
                else if !after.isReady(selected) { problems.append("the Service selects \(selected), which is not ready") }
                if !after.history.isEmpty, after.annotatedActive != selected {
                    problems.append("the Service selects \(selected) but its active-version annotation says \(after.annotatedActive ?? "nothing")")
                }
            } else {
                problems.append("the Service selects no version")
            }
        } else if before.serviceExists {
            problems.append("the Service was deleted")
        }
        // The active version is never deleted; deploy and route delete no version at all.
        if let active = before.selected, after.deployments[active] == nil { problems.append("the active version \(active) was deleted") }
        if operation.pipeline != .purge {
            for version in before.deployments.keys where after.deployments[version] == nil {
                problems.append("\(operation.pipeline) deleted version \(version)")
            }
        }
        // Every Deployment is whole: labels, selector, template, image.
        for version in after.deployments.keys.sorted() {
            if let problem = after.incompleteness(of: version) { problems.append(problem) }
        }

        switch (operation, outcome) {
        case (_, .timedOut):
            problems.append("did not finish within \(Self.runLimit) (a hang)")

        case (.deploy(let version, let broken), .deployed(let result)):
            tally.succeeded[.deploy, default: 0] += 1
            if broken { problems.append("an unpullable image was reported deployed (\(result.status))") }
            if after.selected != version { problems.append("reported \(result.status), but the Service selects \(after.selected ?? "nothing")") }
            if !after.isReady(version) { problems.append("reported \(result.status), but \(version) is not ready") }
            let expected = before.selected == version ? 0 : 1
            if let added, added != expected { problems.append("\(added) switch(es) recorded for one deploy (expected \(expected)): \(after.history.prefix(added))") }
            if expected == 1, let top = after.history.first, top.from != before.selected || top.to != version {
                problems.append("the recorded switch is \(top), not \(before.selected ?? "none")->\(version)")
            }
            if result.status == .unchanged, expected == 1 { tally.switchedButReportedUnchanged += 1 }

        case (.route(let target), .routed(let result)):
            tally.succeeded[.route, default: 0] += 1
            if case .version(let version) = target, result.to != version { problems.append("routed to \(result.to), not \(version)") }
            if after.selected != result.to { problems.append("reported a switch to \(result.to), but the Service selects \(after.selected ?? "nothing")") }
            let expected = before.selected == result.to ? 0 : 1
            if let added, added != expected { problems.append("\(added) switch(es) recorded for one route (expected \(expected))") }

        case (.purge, .purged(let result)):
            tally.succeeded[.purge, default: 0] += 1
            if result.active != before.selected { problems.append("purge thought \(result.active) was active, the Service selected \(before.selected ?? "nothing")") }
            for version in result.deleted where after.deployments[version] != nil { problems.append("purge reported \(version) deleted, but it exists") }
            for version in result.kept where after.deployments[version] == nil { problems.append("purge reported \(version) kept, but it is gone") }
            if after.selected != before.selected { problems.append("purge changed the Service's selector") }
            if let added, added != 0 { problems.append("purge recorded \(added) switch(es)") }

        case (_, .failed(let failure)):
            tally.failedCleanly[operation.pipeline, default: [:]][failure.exitCode, default: 0] += 1
            if ![1, 3, 4, 5, 6].contains(failure.exitCode) {
                problems.append("failed with exit \(failure.exitCode) (\(failure.kind)), which says the input was bad; it was not: \(failure.message)")
            }
            if failure.message.isEmpty { problems.append("failed without a message") }
            if after.selected != before.selected {
                problems.append("failed (exit \(failure.exitCode): \(failure.message)) but the Service moved from \(before.selected ?? "nothing") to \(after.selected ?? "nothing")")
            }
            if let added, added != 0 { problems.append("failed, yet \(added) switch(es) were recorded") }
            if case .deploy(let version, _) = operation, before.deployments[version] == nil, after.deployments[version] != nil, !after.isReady(version) {
                tally.failedDeploymentsLeft += 1
            }

        default:
            problems.append("\(outcome) does not match the operation")
        }
        return problems
    }

    /// The Lease is gone, or left with a renewTime that nobody advances any more (so it expires).
    private func checkLease(_ state: RawClusterState) async -> [String] {
        guard let lease = state.lease else { return [] }
        guard lease.holder != nil else { return [] }
        guard let renewed = RawClusterState.date(lease.renewTime), let seconds = lease.durationSeconds, seconds > 0 else {
            return ["the Lease was left with holder \(lease.holder ?? "") and no renewTime/duration, so it never expires"]
        }
        if renewed.addingTimeInterval(Double(seconds)) > Date().addingTimeInterval(Self.lockDuration.timeInterval + 1) {
            return ["the Lease was left expiring at \(renewed.addingTimeInterval(Double(seconds))), beyond its duration"]
        }
        // Still renewed by a pipeline that has ended? Watch it for longer than a renewal period.
        try? await Task.sleep(for: Self.lockDuration / 3 + .milliseconds(500))
        let later = await RawClusterState.read(harness.sandbox, versions: [])
        if let again = later.lease, again.holder == lease.holder, again.renewTime != lease.renewTime {
            return ["the Lease held by \(lease.holder ?? "") is still renewed after its pipeline ended"]
        }
        tally.leasesLeftToExpire += 1
        return []
    }
}
