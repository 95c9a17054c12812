import Foundation
import KubeKit
import KubeSandbox
import Testing

@testable import BlueGreen

/// The Service's create or patch is applied but its answer is lost (the connection drops half-way
/// through the response): the deploy finds its own switch on the Service and reports it as done,
/// once, instead of failing with the traffic moved or claiming nothing changed.
@Suite(.timeLimit(.minutes(2)))
struct LostAnswerTests {
    /// A lost answer to the first deploy's Service create: switched, with one history entry.
    @Test func lostAnswerToTheServiceCreate() async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { await harness.stop() } }
        await harness.sandbox.setFaults(FaultConfiguration(dropRate: 1, verbs: ["create"], pathPrefix: "/api/v1/namespaces/default/services", maxFaults: 1))
        let result = try await harness.deploy("1")
        #expect(harness.sandbox.requestLog.contains { $0.fault == "drop" }, "the fault was not injected, so the test proves nothing")
        await harness.sandbox.setFaults(.none)
        #expect(try result.get().status == .switched)
        let service = try #require(await harness.sandbox.object(apiVersion: "v1", kind: "Service", name: "web"))
        #expect(service["spec"]["selector"][Names.versionLabel].stringValue == "1")
        #expect(RawClusterState.parseHistory(service["metadata"]["annotations"][SwitchHistory.historyKey].stringValue).map(\.to) == ["1"])
    }

    /// A lost answer to a later deploy's switch patch: reported switched (not unchanged) with
    /// the right previous version, and recorded once.
    @Test func lostAnswerToTheSwitchPatch() async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { await harness.stop() } }
        _ = try await harness.deploy("1").get()
        await harness.sandbox.setFaults(FaultConfiguration(dropRate: 1, verbs: ["patch"], pathPrefix: "/api/v1/namespaces/default/services/web", maxFaults: 1))
        let result = try await harness.deploy("2")
        #expect(harness.sandbox.requestLog.contains { $0.fault == "drop" }, "the fault was not injected, so the test proves nothing")
        await harness.sandbox.setFaults(.none)
        let deployed = try result.get()
        #expect(deployed.status == .switched)
        #expect(deployed.previousVersion == "1")
        let service = try #require(await harness.sandbox.object(apiVersion: "v1", kind: "Service", name: "web"))
        #expect(service["spec"]["selector"][Names.versionLabel].stringValue == "2")
        #expect(RawClusterState.parseHistory(service["metadata"]["annotations"][SwitchHistory.historyKey].stringValue).map(\.to) == ["2", "1"])
    }

    /// A lost answer to a rollback's patch: the rollback recognises its own switch instead of
    /// deciding again (which would roll "back" to the version it just left), and reports it changed.
    @Test func lostAnswerToARollback() async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { await harness.stop() } }
        _ = try await harness.deploy("1").get()
        _ = try await harness.deploy("2").get()
        await harness.sandbox.setFaults(FaultConfiguration(dropRate: 1, verbs: ["patch"], pathPrefix: "/api/v1/namespaces/default/services/web", maxFaults: 1))
        let result = try await harness.route(.rollback)
        #expect(harness.sandbox.requestLog.contains { $0.fault == "drop" }, "the fault was not injected, so the test proves nothing")
        await harness.sandbox.setFaults(.none)
        let routed = try result.get()
        #expect(routed.changed)
        #expect(routed.from == "2")
        #expect(routed.to == "1")
        let service = try #require(await harness.sandbox.object(apiVersion: "v1", kind: "Service", name: "web"))
        #expect(service["spec"]["selector"][Names.versionLabel].stringValue == "1")
        #expect(RawClusterState.parseHistory(service["metadata"]["annotations"][SwitchHistory.historyKey].stringValue).map(\.to) == ["1", "2", "1"])
    }

    /// A lost answer to the Lease create: the deploy finds the Lease under its own name, takes
    /// it, deploys, and releases it (nothing is left to expire).
    @Test func lostAnswerToTheLeaseCreate() async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { await harness.stop() } }
        await harness.sandbox.setFaults(
            FaultConfiguration(dropRate: 1, verbs: ["create"], pathPrefix: "/apis/coordination.k8s.io/v1/namespaces/default/leases", maxFaults: 1))
        let result = try await harness.deploy("1")
        #expect(harness.sandbox.requestLog.contains { $0.fault == "drop" }, "the fault was not injected, so the test proves nothing")
        await harness.sandbox.setFaults(.none)
        #expect(try result.get().status == .switched)
        #expect(try await harness.client.list(Lease.self, in: "default").items.isEmpty)
    }
}
