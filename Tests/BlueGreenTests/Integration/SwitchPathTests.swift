import Foundation
import KubeKit
import KubeSandbox
import Testing

@testable import BlueGreen

/// The path from "the new version is ready" to "the Service is switched", counted in requests
/// on the sandbox's request log, and what happens when the Service changes on that path.
@Suite(.timeLimit(.minutes(2)))
struct SwitchPathTests {
    static let servicePath = "/api/v1/namespaces/default/services/web"

    /// A change someone else makes to the live Service while the new version becomes ready.
    enum ConcurrentChange: String, CaseIterable, Sendable {
        /// An annotation added (kubectl annotate): the Service changed, its selection did not.
        case annotated
        /// Switched to the new version by someone else (kubectl patch).
        case switchedToNewVersion
        /// Deleted (kubectl delete service).
        case deleted
    }

    static func engine(_ cluster: any BlueGreenCluster) -> DeployEngine {
        DeployEngine(dependencies: .init(cluster: cluster, resolveImage: { _ in nil }), options: .init(identity: UUID().uuidString, timeout: .seconds(60)))
    }

    /// The requests that arrived from `start` on, up to and including the first PATCH of the
    /// live Service.
    static func requestsUntilSwitch(_ log: [RequestRecord], from start: Date) -> [RequestRecord] {
        var requests: [RequestRecord] = []
        for record in log where record.time >= start {
            requests.append(record)
            if record.method == "PATCH" && record.path == servicePath { break }
        }
        return requests
    }

    /// A PATCH of the live Service, or a create of a Service (the preview is not used where this
    /// is asked).
    static func isServiceWrite(_ record: RequestRecord) -> Bool {
        (record.method == "PATCH" && record.path == servicePath) || (record.method == "POST" && record.path == "/api/v1/namespaces/default/services")
    }

    static func describe(_ records: [RequestRecord]) -> [String] { records.map { "\($0.method) \($0.path) \($0.status)" } }

    /// Once the rollout is ready, the guarded switch PATCH is the one and only request before
    /// the Service selects the new version (the preview Service was pointed before the wait).
    @Test func readyToSwitchedIsOneRequest() async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { await harness.stop() } }
        _ = try await harness.deploy("1") { $0.preview = true }.get()
        let hook = ReadyHookCluster(try harness.cluster(version: "2"))
        let result = try await Self.engine(hook).run(try harness.request("2") { $0.preview = true }).get()
        #expect(result.status == .switched)
        #expect(result.previousVersion == "1")

        let ready = try #require(hook.readyAt, "the engine never saw the rollout ready")
        let path = Self.requestsUntilSwitch(harness.sandbox.requestLog, from: ready)
        #expect(Self.describe(path) == ["PATCH \(Self.servicePath) 200"], "requests between ready and switched: \(Self.describe(path))")
        #expect(try await harness.activeVersion() == "2")
        let preview = try await harness.client.get(Service.self, Names.previewService(app: "web"), in: "default")
        #expect(preview.spec.selector[Names.versionLabel] == "2")
    }

    /// A Service changed between "ready" and the switch makes the guarded switch fail (409, or
    /// 404 when deleted); only then is the cluster observed again, and the switch decided anew:
    /// a foreign annotation survives, someone else's identical switch is not repeated, a
    /// deleted Service is created again, and the history records where traffic came from.
    @Test(arguments: ConcurrentChange.allCases)
    func serviceChangedBeforeTheSwitchIsObservedAgain(change: ConcurrentChange) async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { await harness.stop() } }
        _ = try await harness.deploy("1").get()
        let client = harness.client
        let hook = ReadyHookCluster(try harness.cluster(version: "2")) {
            switch change {
            case .annotated:
                _ = try await client.patch(Service.self, "web", in: "default", .merge(["metadata": ["annotations": ["example.com/owner": "team-a"]]]))
            case .switchedToNewVersion:
                _ = try await client.patch(Service.self, "web", in: "default", .merge(["spec": ["selector": [Names.versionLabel: "2"]]]))
            case .deleted:
                try await client.delete(Service.self, "web", in: "default")
            }
        }
        let result = await Self.engine(hook).run(try harness.request("2"))
        let ready = try #require(hook.readyAt, "the engine never saw the rollout ready")
        let log = harness.sandbox.requestLog.filter { $0.time >= ready }
        let refused = try #require(log.first, "no request after ready")
        #expect(refused.method == "PATCH" && refused.path == Self.servicePath, "the first request after ready was \(Self.describe([refused]))")
        #expect(refused.status == (change == .deleted ? 404 : 409))
        let rest = Array(log.dropFirst())
        let read = rest.firstIndex { $0.method == "GET" && $0.path == Self.servicePath }
        #expect(read != nil, "the Service was not read again after the refused switch: \(Self.describe(rest))")
        let writes = rest.filter(Self.isServiceWrite)
        let service = try await harness.client.get(Service.self, "web", in: "default")
        #expect(service.spec.selector[Names.versionLabel] == "2")

        switch change {
        case .annotated:
            #expect(try result.get().status == .switched)
            #expect(Self.describe(writes) == ["PATCH \(Self.servicePath) 200"])
            #expect(service.metadata.annotations["example.com/owner"] == "team-a")
            #expect(SwitchHistory(annotations: service.metadata.annotations).entries.first.map { [$0.from, $0.to] } == ["1", "2"])
        case .switchedToNewVersion:
            #expect(try result.get().status == .unchanged)
            #expect(writes.isEmpty, "the engine wrote the Service again: \(Self.describe(writes))")
        case .deleted:
            #expect(try result.get().status == .switched)
            #expect(Self.describe(writes) == ["POST /api/v1/namespaces/default/services 201"])
            #expect(SwitchHistory(annotations: service.metadata.annotations).entries.first.map { [$0.from, $0.to] } == [nil, "2"])
        }
        if let read, let write = rest.firstIndex(where: Self.isServiceWrite) { #expect(read < write, "the second write came before the fresh read") }
    }
}
