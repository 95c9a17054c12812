import Foundation
import Synchronization
import Testing

@testable import BlueGreen

struct DeployEngineTests {
    static let image = try! ImageReference(parsing: "registry.example.com/web:42")

    static func nodes(_ count: Int) -> [NodeState] {
        (0..<count).map { NodeState(name: "n\($0)", allocatable: Resources(milliCPU: 4000, memoryBytes: 8 << 30)) }
    }

    /// A cluster where version 41 is live and active.
    static func liveCluster(_ clock: TestClock) -> InMemoryCluster {
        var state = InMemoryCluster.State()
        state.nodes = nodes(3)
        state.versions["41"] = VersionState(
            version: "41", deploymentName: "web-41", image: "registry.example.com/web:41", desiredReplicas: 2, readyReplicas: 2,
            availableReplicas: 2, updatedReplicas: 2, totalReplicas: 2, uid: "u41", resourceVersion: "50")
        state.serviceVersion = "41"
        state.serviceAnnotations = SwitchHistory().recording(.init(from: nil, to: "41", at: clock.now, by: "ci")).annotations
        state.serviceResourceVersion = 50
        return InMemoryCluster(state, now: clock.provider)
    }

    /// Renewals never fire in these tests (the sleep waits until cancelled), so only the
    /// operation's own writes count.
    static func engine(_ cluster: InMemoryCluster, clock: TestClock, identity: String, missingImage: Bool = false) -> DeployEngine {
        let dependencies = DeployEngine.Dependencies(
            cluster: cluster,
            resolveImage: { image in
                if missingImage { throw RegistryError(.notFound, "no manifest for \(image)") }
                return "sha256:" + String(repeating: "1", count: 64)
            },
            now: clock.provider,
            sleep: { _ in try await Task.sleep(for: .seconds(3600)) })
        return DeployEngine(dependencies: dependencies, options: .init(identity: identity, lockDuration: .seconds(30)))
    }

    static let request = DeployRequest(app: "web", version: "42", namespace: "shop", image: image, actor: "ci")

    /// An uninterrupted deploy switches the Service, records history and an Event, and leaves no lock.
    @Test func deploysAndSwitches() async throws {
        let clock = TestClock()
        let cluster = Self.liveCluster(clock)
        let result = try await Self.engine(cluster, clock: clock, identity: "run-1").run(Self.request).get()
        #expect(result.status == .switched)
        #expect(result.previousVersion == "41")
        let state = cluster.snapshotState
        #expect(state.serviceVersion == "42")
        #expect(state.lease == nil)
        #expect(state.events == ["Switched: switched web from 41 to 42 (registry.example.com/web:42)"])
        #expect(SwitchHistory(annotations: state.serviceAnnotations).entries.map(\.to) == ["42", "41"])
    }

    /// A pipeline killed after any number of writes (an uninterrupted deploy makes five: lock,
    /// Deployment, switch, Event, unlock), run again once its lock expired, ends in the same state
    /// as an uninterrupted one.
    @Test(arguments: 0...4)
    func crashThenRerunConverges(writesBeforeCrash: Int) async throws {
        let referenceClock = TestClock()
        let reference = Self.liveCluster(referenceClock)
        _ = try await Self.engine(reference, clock: referenceClock, identity: "run-1").run(Self.request).get()

        let clock = TestClock()
        let cluster = Self.liveCluster(clock)
        cluster.crash(afterWrites: writesBeforeCrash)
        _ = await Self.engine(cluster, clock: clock, identity: "run-1").run(Self.request)
        #expect(cluster.didCrash)
        cluster.revive()
        clock.advance(31)  // the dead run's claim lapses
        let rerun = await Self.engine(cluster, clock: clock, identity: "run-2").run(Self.request)
        #expect((try? rerun.get()) != nil, "the re-run failed: \(rerun)")
        #expect(cluster.snapshotState.outcome == reference.snapshotState.outcome)
    }

    /// While the dead run's claim is still valid, the re-run is refused with exit 5.
    @Test func rerunBeforeExpiryIsLocked() async throws {
        let clock = TestClock()
        let cluster = Self.liveCluster(clock)
        cluster.crash(afterWrites: 2)
        _ = await Self.engine(cluster, clock: clock, identity: "run-1").run(Self.request)
        cluster.revive()
        clock.advance(10)
        let failure = await Self.engine(cluster, clock: clock, identity: "run-2").run(Self.request).failure
        #expect(failure?.exitCode == 5)
        #expect(failure?.message.contains("run-1") == true)
    }

    /// A rollout that fails leaves the Service where it was, removes the Deployment it created
    /// (so the cluster is as it was found), releases the lock, exits 4.
    @Test func failedRolloutLeavesTheClusterAsItWas() async throws {
        let clock = TestClock()
        let cluster = Self.liveCluster(clock)
        let before = cluster.snapshotState.outcome
        cluster.failRollouts(of: Self.image.description)
        let failure = await Self.engine(cluster, clock: clock, identity: "run-1").run(Self.request).failure
        #expect(failure?.exitCode == 4)
        #expect(failure?.details == ["web-42-abc12: ImagePullBackOff"])
        #expect(cluster.snapshotState.serviceVersion == "41")
        #expect(cluster.snapshotState.outcome == before)
    }

    /// With keepFailed the failed Deployment stays for inspection; traffic is still untouched.
    @Test func keepFailedKeepsTheDeployment() async throws {
        let clock = TestClock()
        let cluster = Self.liveCluster(clock)
        cluster.failRollouts(of: Self.image.description)
        var request = Self.request
        request.keepFailed = true
        let failure = await Self.engine(cluster, clock: clock, identity: "run-1").run(request).failure
        #expect(failure?.exitCode == 4)
        #expect(cluster.snapshotState.versions["42"] != nil)
        #expect(cluster.snapshotState.serviceVersion == "41")
        #expect(cluster.snapshotState.lease == nil)
    }

    /// A Deployment that existed before this run is never removed by it, even when it fails.
    @Test func preexistingVersionIsNotRemoved() async throws {
        let clock = TestClock()
        let cluster = Self.liveCluster(clock)
        try await cluster.createDeployment(app: "web", version: "42", image: Self.image.description, replicas: 2)
        cluster.failRollouts(of: Self.image.description)
        let failure = await Self.engine(cluster, clock: clock, identity: "run-1").run(Self.request).failure
        #expect(failure?.exitCode == 4)
        #expect(cluster.snapshotState.versions["42"] != nil)
    }

    /// A missing image stops before anything is created.
    @Test func missingImageCreatesNothing() async throws {
        let clock = TestClock()
        let cluster = Self.liveCluster(clock)
        let failure = await Self.engine(cluster, clock: clock, identity: "run-1", missingImage: true).run(Self.request).failure
        #expect(failure?.exitCode == 2)
        #expect(cluster.snapshotState.versions["42"] == nil)
        #expect(cluster.snapshotState.lease == nil)
    }

    /// A lost resourceVersion race is retried with a fresh read.
    @Test func switchConflictIsRetried() async throws {
        let clock = TestClock()
        let cluster = Self.liveCluster(clock)
        cluster.injectSwitchConflicts(2)
        let result = try await Self.engine(cluster, clock: clock, identity: "run-1").run(Self.request).get()
        #expect(result.status == .switched)
        #expect(cluster.snapshotState.serviceVersion == "42")
    }

    /// Cancellation (Ctrl-C, an aborted job) still releases the lock.
    @Test func cancellationReleasesTheLock() async throws {
        let clock = TestClock()
        let cluster = Self.liveCluster(clock)
        let slow = DeployEngine(
            dependencies: .init(
                cluster: cluster,
                resolveImage: { _ in
                    try await Task.sleep(for: .seconds(30))
                    return nil
                }, now: clock.provider, sleep: { _ in try await Task.sleep(for: .seconds(3600)) }),
            options: .init(identity: "run-1"))
        let task = Task { await slow.run(Self.request) }
        while cluster.snapshotState.lease == nil { try await Task.sleep(for: .milliseconds(5)) }
        task.cancel()
        let failure = await task.value.failure
        #expect(failure?.message.contains("interrupted") == true)
        #expect(cluster.snapshotState.lease == nil)
        #expect(cluster.snapshotState.serviceVersion == "41")
    }
}
