import Foundation
import Testing

@testable import BlueGreen

struct CapacityCheckTests {
    static func node(_ name: String, cpu: Int64 = 4000, memory: Int64 = 8 << 30, requested: Resources = .zero, ready: Bool = true, schedulable: Bool = true, pods: Int = 110, podCount: Int = 0) -> NodeState {
        NodeState(name: name, ready: ready, schedulable: schedulable, allocatable: Resources(milliCPU: cpu, memoryBytes: memory), requested: requested, allocatablePods: pods, podCount: podCount)
    }

    static func versions(_ names: [String]) -> [VersionState] {
        names.map { VersionState(version: $0, deploymentName: "web-\($0)", image: "web:\($0)", desiredReplicas: 1) }
    }

    /// Policy nodes: live versions (other than the new one) must be fewer than usable nodes; a
    /// NotReady or cordoned node does not count.
    @Test func nodesPolicyCountsUsableNodesOnly() {
        let check = CapacityCheck(policy: .nodes)
        let nodes = [Self.node("a"), Self.node("b"), Self.node("c", ready: false), Self.node("d", schedulable: false)]
        #expect(check.evaluate(snapshot: ClusterSnapshot(versions: Self.versions(["1"]), nodes: nodes), version: "2", replicas: 1, podRequests: .zero) == nil)
        let refusal = check.evaluate(snapshot: ClusterSnapshot(versions: Self.versions(["1", "2"]), nodes: nodes), version: "3", replicas: 1, podRequests: .zero)
        #expect(refusal?.message.contains("2 live version(s)") == true)
        #expect(refusal?.message.contains("2 Ready, schedulable node(s)") == true)
        // The version being deployed does not count against itself.
        #expect(check.evaluate(snapshot: ClusterSnapshot(versions: Self.versions(["1", "2"]), nodes: nodes), version: "2", replicas: 1, podRequests: .zero) == nil)
    }

    /// The first deploy on a one-node cluster fits; a second version does not.
    @Test func singleNodeHoldsOneVersion() {
        let check = CapacityCheck(policy: .nodes)
        #expect(check.evaluate(snapshot: ClusterSnapshot(nodes: [Self.node("a")]), version: "1", replicas: 3, podRequests: .zero) == nil)
        #expect(check.evaluate(snapshot: ClusterSnapshot(versions: Self.versions(["1"]), nodes: [Self.node("a")]), version: "2", replicas: 3, podRequests: .zero) != nil)
    }

    /// Policy resources: pods are placed one by one within free allocatable CPU, memory and pod slots.
    @Test func resourcesPolicySimulatesPlacement() {
        let check = CapacityCheck(policy: .resources)
        let pod = Resources(milliCPU: 1500, memoryBytes: 1 << 30)
        let nodes = [Self.node("a", cpu: 4000, requested: Resources(milliCPU: 1000, memoryBytes: 0)), Self.node("b", cpu: 2000)]
        // Free CPU: a=3000 (two pods), b=2000 (one pod) → three pods fit, four do not.
        #expect(check.evaluate(snapshot: ClusterSnapshot(nodes: nodes), version: "1", replicas: 3, podRequests: pod) == nil)
        let refusal = check.evaluate(snapshot: ClusterSnapshot(nodes: nodes), version: "1", replicas: 4, podRequests: pod)
        #expect(refusal?.message.contains("only 3 of 4 pod(s)") == true)
        // Memory can be the limit too.
        let big = Resources(milliCPU: 100, memoryBytes: 9 << 30)
        #expect(check.evaluate(snapshot: ClusterSnapshot(nodes: nodes), version: "1", replicas: 1, podRequests: big) != nil)
        // And the pod count.
        let full = [Self.node("a", pods: 10, podCount: 10)]
        #expect(check.evaluate(snapshot: ClusterSnapshot(nodes: full), version: "1", replicas: 1, podRequests: .zero) != nil)
    }

    /// --max-versions refuses once the app has that many other versions, whatever the policy.
    @Test func maxVersions() {
        let check = CapacityCheck(policy: .none, maxVersions: 2)
        #expect(check.evaluate(snapshot: ClusterSnapshot(versions: Self.versions(["1"])), version: "2", replicas: 1, podRequests: .zero) == nil)
        let refusal = check.evaluate(snapshot: ClusterSnapshot(versions: Self.versions(["1", "2"])), version: "3", replicas: 1, podRequests: .zero)
        #expect(refusal?.message.contains("--max-versions is 2") == true)
    }
}

struct LockDecisionTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// No Lease → create; ours or free → acquire; a live foreign one → busy; an expired one → takeover.
    @Test func decidesFromTheObservedLease() {
        #expect(LockDecision.decide(lease: nil, identity: "me", now: now) == .create)
        let mine = LeaseState(holder: "me", renewTime: now, durationSeconds: 30, resourceVersion: "5")
        #expect(LockDecision.decide(lease: mine, identity: "me", now: now) == .acquire(resourceVersion: "5", takeover: false))
        let released = LeaseState(holder: nil, renewTime: now, durationSeconds: 30, resourceVersion: "6")
        #expect(LockDecision.decide(lease: released, identity: "me", now: now) == .acquire(resourceVersion: "6", takeover: false))
        let live = LeaseState(holder: "other", renewTime: now.addingTimeInterval(-10), durationSeconds: 30, resourceVersion: "7", operation: "deploy 41")
        #expect(LockDecision.decide(lease: live, identity: "me", now: now) == .busy(holder: "other", operation: "deploy 41", until: now.addingTimeInterval(20)))
        let expired = LeaseState(holder: "other", renewTime: now.addingTimeInterval(-31), durationSeconds: 30, resourceVersion: "8")
        #expect(LockDecision.decide(lease: expired, identity: "me", now: now) == .acquire(resourceVersion: "8", takeover: true))
        let neverRenewed = LeaseState(holder: "other", renewTime: nil, durationSeconds: 30, resourceVersion: "9")
        #expect(LockDecision.decide(lease: neverRenewed, identity: "me", now: now) == .acquire(resourceVersion: "9", takeover: true))
    }
}

struct RoutePlannerTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func version(_ v: String, ready: Bool = true, age: TimeInterval) -> VersionState {
        VersionState(
            version: v, deploymentName: "web-\(v)", image: "web:\(v)", desiredReplicas: 2, readyReplicas: ready ? 2 : 1,
            availableReplicas: ready ? 2 : 1, updatedReplicas: 2, totalReplicas: 2, created: now.addingTimeInterval(-age))
    }

    var snapshot: ClusterSnapshot {
        let history = SwitchHistory()
            .recording(.init(from: nil, to: "40", at: now.addingTimeInterval(-300), by: "ci"))
            .recording(.init(from: "40", to: "41", at: now.addingTimeInterval(-200), by: "ci"))
        return ClusterSnapshot(
            versions: [version("40", age: 300), version("42", ready: false, age: 100), version("41", age: 200)],
            service: ServiceState(name: "web", activeVersion: "41", resourceVersion: "9", history: history))
    }

    /// The listing is newest first and marks the active version.
    @Test func listsNewestFirst() {
        let rows = RoutePlanner.listing(snapshot)
        #expect(rows.map(\.version) == ["42", "41", "40"])
        #expect(rows.map(\.active) == [false, true, false])
        #expect(rows.map(\.isReady) == [false, true, true])
    }

    /// Switching to a ready version patches with the observed resourceVersion and records history.
    @Test func switchesToAReadyVersion() throws {
        let decision = try RoutePlanner.decideSwitch(to: "40", snapshot: snapshot, app: "web", actor: "me", now: now).get()
        guard case .switchService(let to, let from, let rv, let history) = decision else {
            Issue.record("expected a switch, got \(decision)")
            return
        }
        #expect((to, from, rv) == ("40", "41", "9"))
        #expect(history.entries.first == .init(from: "41", to: "40", at: now, by: "me"))
        #expect(history.entries.count == 3)
    }

    /// A version that is not ready is refused (exit 4); an unknown one is bad input (exit 2)
    /// and the message lists what exists; the active one is unchanged.
    @Test func refusals() {
        #expect(RoutePlanner.decideSwitch(to: "42", snapshot: snapshot, app: "web", actor: "me", now: now).failure?.exitCode == 4)
        let unknown = RoutePlanner.decideSwitch(to: "39", snapshot: snapshot, app: "web", actor: "me", now: now).failure
        #expect(unknown?.exitCode == 2)
        #expect(unknown?.message.contains("42, 41, 40") == true)
        #expect((try? RoutePlanner.decideSwitch(to: "41", snapshot: snapshot, app: "web", actor: "me", now: now).get()) == .unchanged(version: "41"))
        var noService = snapshot
        noService.service = nil
        #expect(RoutePlanner.decideSwitch(to: "40", snapshot: noService, app: "web", actor: "me", now: now).failure?.exitCode == 1)
    }

    /// Rollback goes to the version active before the current one, from the Service's history.
    @Test func rollsBackFromHistory() throws {
        let decision = try RoutePlanner.decideRollback(snapshot: snapshot, app: "web", actor: "me", now: now).get()
        guard case .switchService(let to, let from, _, _) = decision else {
            Issue.record("expected a switch, got \(decision)")
            return
        }
        #expect((to, from) == ("40", "41"))
    }

    /// Without history, or when the previous version was purged, rollback says so.
    @Test func rollbackNeedsHistoryAndThePreviousVersion() {
        var bare = snapshot
        bare.service?.history = SwitchHistory()
        #expect(RoutePlanner.decideRollback(snapshot: bare, app: "web", actor: "me", now: now).failure?.message.contains("no recorded previous version") == true)
        var purged = snapshot
        purged.versions.removeAll { $0.version == "40" }
        #expect(RoutePlanner.decideRollback(snapshot: purged, app: "web", actor: "me", now: now).failure?.message.contains("no longer on the cluster") == true)
        // A hand edit after the last recorded switch: the history no longer describes the Service.
        var edited = snapshot
        edited.service?.activeVersion = "40"
        #expect(RoutePlanner.decideRollback(snapshot: edited, app: "web", actor: "me", now: now).failure != nil)
    }
}

struct PurgePlannerTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func snapshot(active: String?, service: Bool = true) -> ClusterSnapshot {
        let versions = (1...5).map {
            VersionState(
                version: "\($0)", deploymentName: "web-\($0)", image: "web:\($0)", desiredReplicas: 1, readyReplicas: 1, availableReplicas: 1,
                updatedReplicas: 1, totalReplicas: 1, created: now.addingTimeInterval(Double($0) * 60))
        }
        return ClusterSnapshot(versions: versions, service: service ? ServiceState(name: "web", activeVersion: active, resourceVersion: "1") : nil)
    }

    /// Everything the Service does not select goes, except the newest `keep` idle versions.
    @Test func deletesIdleVersionsKeepingTheNewest() throws {
        let plan = try PurgePlanner.plan(snapshot(active: "3"), app: "web", keep: 1).get()
        #expect(plan.active == "3")
        #expect(plan.kept.map(\.version) == ["5"])
        #expect(plan.delete.map(\.version) == ["4", "2", "1"])
        let all = try PurgePlanner.plan(snapshot(active: "5"), app: "web", keep: 0).get()
        #expect(all.delete.map(\.version) == ["4", "3", "2", "1"])
        #expect(!all.delete.contains { $0.version == "5" })
    }

    /// Versions kept for rollback are the newest ready ones; a version that never became ready
    /// is deleted even when it is the newest.
    @Test func keepsOnlyReadyVersionsForRollback() throws {
        var state = snapshot(active: "3")
        for index in state.versions.indices {
            let ready = state.versions[index].version != "5"
            state.versions[index].availableReplicas = ready ? 1 : 0
        }
        let plan = try PurgePlanner.plan(state, app: "web", keep: 1).get()
        #expect(plan.kept.map(\.version) == ["4"])
        #expect(plan.delete.map(\.version) == ["5", "2", "1"])
    }

    /// Without a Service, or with no version selected, nothing is deleted.
    @Test func refusesWithoutAnActiveVersion() {
        #expect(PurgePlanner.plan(snapshot(active: nil, service: false), app: "web", keep: 0).failure != nil)
        #expect(PurgePlanner.plan(snapshot(active: nil), app: "web", keep: 0).failure != nil)
        #expect(PurgePlanner.plan(snapshot(active: "1"), app: "web", keep: -1).failure?.exitCode == 2)
    }
}

struct ImageReferenceTests {
    /// References parse the way Docker normalises them.
    @Test(arguments: [
        ("nginx", "docker.io", "library/nginx", nil as String?, nil as String?),
        ("nginx:1.27", "docker.io", "library/nginx", "1.27", nil),
        ("bitnami/redis:7", "docker.io", "bitnami/redis", "7", nil),
        ("localhost:5000/web:42", "localhost:5000", "web", "42", nil),
        ("127.0.0.1:5000/team/web", "127.0.0.1:5000", "team/web", nil, nil),
        ("123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:42", "123456789012.dkr.ecr.eu-west-1.amazonaws.com", "web", "42", nil),
        ("ghcr.io/o/web@sha256:" + String(repeating: "0", count: 64), "ghcr.io", "o/web", nil, "sha256:" + String(repeating: "0", count: 64)),
    ])
    func parses(text: String, registry: String, repository: String, tag: String?, digest: String?) throws {
        let reference = try ImageReference(parsing: text)
        #expect(reference.registry == registry)
        #expect(reference.repository == repository)
        #expect(reference.tag == tag)
        #expect(reference.digest == digest)
        #expect(reference.description == text || registry == "docker.io")
    }

    /// Malformed references are refused with a message naming the problem.
    @Test(arguments: ["", "web:", "Web/App:1", "web@sha256:xyz", "web:bad tag", "a//b"])
    func refuses(text: String) {
        #expect(throws: InputError.self) { try ImageReference(parsing: text) }
    }

    /// ECR registries are recognised with their account and region; others are not.
    @Test func recognisesECR() throws {
        let ecr = try ImageReference(parsing: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/web")
        #expect(ecr.ecrRegistry?.accountID == "123456789012")
        #expect(ecr.ecrRegistry?.region == "eu-west-1")
        #expect(try ImageReference(parsing: "ghcr.io/o/web").ecrRegistry == nil)
        #expect(try ImageReference(parsing: "nginx").apiHost == "registry-1.docker.io")
    }
}

struct SwitchHistoryTests {
    /// History written to annotations reads back the same, newest first and bounded.
    @Test func roundTripsThroughAnnotations() {
        var history = SwitchHistory()
        for index in 0..<(SwitchHistory.limit + 5) {
            history = history.recording(.init(from: index == 0 ? nil : "\(index - 1)", to: "\(index)", at: Date(timeIntervalSince1970: Double(1_800_000_000 + index)), by: "ci"))
        }
        let annotations = history.annotations
        #expect(annotations[SwitchHistory.activeKey] == "\(SwitchHistory.limit + 4)")
        #expect(annotations[SwitchHistory.previousKey] == "\(SwitchHistory.limit + 3)")
        let read = SwitchHistory(annotations: annotations)
        #expect(read == history)
        #expect(read.entries.count == SwitchHistory.limit)
        #expect(read.previousVersion == "\(SwitchHistory.limit + 3)")
    }

    /// Garbage in the history annotation is not fatal.
    @Test func toleratesGarbage() {
        #expect(SwitchHistory(annotations: [SwitchHistory.historyKey: "{not json"]).entries.isEmpty)
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
