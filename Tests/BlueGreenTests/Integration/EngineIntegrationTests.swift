import Foundation
import KubeKit
import KubeSandbox
import Testing

@testable import BlueGreen

/// The engine against the sandbox: real HTTP, real controllers, real Kubernetes semantics.
@Suite(.timeLimit(.minutes(2)))
struct EngineIntegrationTests {
    /// The first deploy creates the Service; a second deploy switches it and records history.
    @Test func firstDeployCreatesServiceSecondSwitches() async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { await harness.stop() } }
        let first = try await harness.deploy("1").get()
        #expect(first.status == .switched)
        #expect(try await harness.activeVersion() == "1")
        let service = try await harness.client.get(Service.self, "web", in: "default")
        #expect(service.metadata.labels[Names.managedByLabel] == "bluegreen")
        #expect(service.spec.ports.first?.port == 80)
        let second = try await harness.deploy("2").get()
        #expect(second.status == .switched)
        #expect(second.previousVersion == "1")
        let switched = try await harness.client.get(Service.self, "web", in: "default")
        #expect(switched.spec.selector[Names.versionLabel] == "2")
        #expect(SwitchHistory(annotations: switched.metadata.annotations).entries.map(\.to) == ["2", "1"])
        // Fields the engine does not manage survive the switch (it patches, never rewrites).
        #expect(switched.spec.ports == service.spec.ports)
        #expect(switched.object["spec"]?["clusterIP"] == service.object["spec"]?["clusterIP"])
        #expect(try await harness.deploymentNames() == ["web-1", "web-2"])
        let events = try await harness.client.list(Event.self, in: "default").items.filter { $0.reason == "Switched" }
        #expect(events.count == 2)
        #expect(try await harness.client.list(Lease.self, in: "default").items.isEmpty)
    }

    /// An image that cannot be pulled never receives traffic: exit 4 with the pods' reason, the
    /// Service unchanged, the failed Deployment removed.
    @Test func unpullableImageNeverReceivesTraffic() async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { await harness.stop() } }
        _ = try await harness.deploy("1").get()
        let failure = await (try harness.deploy("2", image: "registry.example.com/web:broken")).failure
        #expect(failure?.exitCode == 4)
        #expect(failure?.details.contains { $0.contains("ErrImagePull") || $0.contains("ImagePullBackOff") } == true)
        #expect(try await harness.activeVersion() == "1")
        #expect(try await harness.deploymentNames() == ["web-1"])
    }

    /// A full cluster is refused with exit 3 before anything is created.
    @Test func fullClusterIsRefusedBeforeAnythingIsCreated() async throws {
        let harness = try await SandboxHarness.start(nodes: 2)
        defer { Task { await harness.stop() } }
        _ = try await harness.deploy("1").get()
        _ = try await harness.deploy("2").get()
        let before = try await harness.deploymentNames()
        let failure = await (try harness.deploy("3")).failure
        #expect(failure?.exitCode == 3)
        #expect(try await harness.deploymentNames() == before)
        #expect(try await harness.activeVersion() == "2")
        // The resources policy looks at requests instead: 2 nodes of 4 CPUs hold two more 100m
        // pods easily, but not two pods of 3.9 CPUs beside the 100m pods already there.
        let fits = try await harness.deploy("3") { $0.capacity = CapacityCheck(policy: .resources); $0.podRequests = Resources(milliCPU: 100, memoryBytes: 128 << 20) }
        #expect((try? fits.get()) != nil)
        let tooBig = await (try harness.deploy("4") { $0.capacity = CapacityCheck(policy: .resources); $0.podRequests = Resources(milliCPU: 3900, memoryBytes: 128 << 20) }).failure
        #expect(tooBig?.exitCode == 3)
    }

    /// A lock held by a live pipeline gives exit 5; one whose holder died is taken over once it
    /// has expired.
    @Test func liveLockRefusesDeadLockIsTakenOver() async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { await harness.stop() } }
        var lease = Lease(metadata: ObjectMeta(name: "web-bluegreen", namespace: "default"))
        // Held for an hour: still live however slowly a busy machine runs the next step.
        lease.spec = LeaseSpec(holderIdentity: "other-pipeline", leaseDurationSeconds: 3600, acquireTime: Date(), renewTime: Date())
        let created = try await harness.client.create(lease, in: "default")
        let refused = await (try harness.deploy("1")).failure
        #expect(refused?.exitCode == 5)
        #expect(refused?.message.contains("other-pipeline") == true)
        #expect(try await harness.deploymentNames().isEmpty)
        // The holder died two hours ago: its claim has lapsed.
        var stale = created
        stale.spec.renewTime = Date().addingTimeInterval(-7200)
        _ = try await harness.client.replace(stale, in: "default")
        let result = try await harness.deploy("1").get()
        #expect(result.plan.contains("took over the expired lock web-bluegreen"))
        #expect(try await harness.client.list(Lease.self, in: "default").items.isEmpty)
    }

    /// Route refuses a version that is not ready; rollback returns to the previous version.
    @Test func routeRefusesNotReadyAndRollbackReturns() async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { await harness.stop() } }
        _ = try await harness.deploy("1").get()
        _ = try await harness.deploy("2").get()
        _ = await (try harness.deploy("3", image: "registry.example.com/web:broken") { $0.keepFailed = true })
        let refused = await (try harness.route(.version("3"))).failure
        #expect(refused?.exitCode == 4)
        #expect(try await harness.activeVersion() == "2")
        let rolledBack = try await harness.route(.rollback).get()
        #expect((rolledBack.from, rolledBack.to) == ("2", "1"))
        #expect(try await harness.activeVersion() == "1")
        let forward = try await harness.route(.rollback).get()
        #expect(forward.to == "2")
    }

    /// Purge racing a switch (both waiting for the lock) never deletes the active version.
    @Test func purgeRacingASwitchNeverDeletesTheActiveVersion() async throws {
        let harness = try await SandboxHarness.start(nodes: 6)
        defer { Task { await harness.stop() } }
        for version in ["1", "2", "3"] { _ = try await harness.deploy(version).get() }
        for round in 0..<6 {
            let target = round % 2 == 0 ? "1" : "2"
            async let routed = try harness.route(.version(target), lockWait: .seconds(30))
            async let purged = try harness.purge(keep: 1, lockWait: .seconds(30))
            _ = try await (routed, purged)
            let active = try #require(try await harness.activeVersion())
            #expect(try await harness.deploymentNames().contains("web-\(active)"), "round \(round): the Service selects \(active), which was deleted")
            // Put deleted versions back for the next round.
            for version in ["1", "2", "3"] where try await !harness.deploymentNames().contains("web-\(version)") {
                _ = try await harness.deploy(version, change: { $0.switchTraffic = false }).get()
            }
        }
    }
}
