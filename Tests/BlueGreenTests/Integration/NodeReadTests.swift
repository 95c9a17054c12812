import Foundation
import KubeSandbox
import Testing

@testable import BlueGreen

/// Which pipelines read the cluster's nodes (a request, and a cluster-scoped permission): only a
/// deploy whose capacity policy looks at them.
@Suite(.timeLimit(.minutes(2)))
struct NodeReadTests {
    static func nodeReads(_ log: [RequestRecord]) -> [RequestRecord] { log.filter { $0.path == "/api/v1/nodes" } }

    /// A sandbox where versions 1 and 2 were deployed (2 active), with an empty request log.
    static func twoVersions() async throws -> SandboxHarness {
        let harness = try await SandboxHarness.start()
        do {
            _ = try await harness.deploy("1").get()
            _ = try await harness.deploy("2").get()
        } catch {
            await harness.stop()
            throw error
        }
        harness.sandbox.resetCounters()
        return harness
    }

    /// A route is the lock (one create), one observation of Deployments and Service, the
    /// guarded switch, the Event and the release: six requests, none of them for nodes.
    @Test func routeReadsNoNodes() async throws {
        let harness = try await Self.twoVersions()
        defer { Task { await harness.stop() } }
        let outcome = try await harness.route(.version("1")).get()
        let log = harness.sandbox.requestLog
        #expect(outcome.changed)
        #expect(try await harness.activeVersion() == "1")
        #expect(Self.nodeReads(log).isEmpty, "route read the nodes")
        let requests = Set(log.map { "\($0.method) \($0.path)" })
        let expected: Set<String> = [
            "POST /apis/coordination.k8s.io/v1/namespaces/default/leases",
            "GET /apis/apps/v1/namespaces/default/deployments",
            "GET /api/v1/namespaces/default/services/web",
            "PATCH /api/v1/namespaces/default/services/web",
            "POST /api/v1/namespaces/default/events",
            "DELETE /apis/coordination.k8s.io/v1/namespaces/default/leases/web-bluegreen",
        ]
        #expect(requests == expected)
        #expect(log.count == expected.count, "\(log.map { "\($0.method) \($0.path)" })")
    }

    /// Purge and the version listing read no nodes either.
    @Test func purgeAndListingReadNoNodes() async throws {
        let harness = try await Self.twoVersions()
        defer { Task { await harness.stop() } }
        let listing = try await RouteEngine(cluster: try harness.cluster(), options: .init(identity: "lister")).list(app: "web").get()
        #expect(listing.active == "2")
        let purged = try await harness.purge(keep: 0).get()
        #expect(try await harness.deploymentNames() == ["web-2"])
        #expect(!purged.deleted.isEmpty)
        #expect(Self.nodeReads(harness.sandbox.requestLog).isEmpty, "purge or the listing read the nodes")
    }

    /// A deploy reads the nodes for the `nodes` policy, and not at all with `--capacity-policy none`.
    @Test func deployReadsNodesOnlyForItsCapacityPolicy() async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { await harness.stop() } }
        _ = try await harness.deploy("1").get()
        #expect(!Self.nodeReads(harness.sandbox.requestLog).isEmpty, "the nodes policy did not read the nodes")
        harness.sandbox.resetCounters()
        let result = try await harness.deploy("2") { $0.capacity = CapacityCheck(policy: .none) }.get()
        #expect(result.status == .switched)
        #expect(Self.nodeReads(harness.sandbox.requestLog).isEmpty, "--capacity-policy none read the nodes")
    }
}
