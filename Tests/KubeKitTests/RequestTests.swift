import Foundation
import KubeKit
import SDKCore
import TestSupport
import Testing

/// What the client puts on the wire for each operation.
struct RequestTests {
    /// Paths, namespaces, selectors and headers of reads follow the API's layout.
    @Test func readsUseTheAPIsPaths() async throws {
        let api = try await FakeAPI { request in
            if request.url.path.hasSuffix("/web") { return Fixtures.json(Fixtures.deployment("web")) }
            return Fixtures.json(["kind": "List", "metadata": ["resourceVersion": "7"], "items": []])
        }
        _ = try await api.client.get(Deployment.self, "web")
        _ = try await api.client.get(Deployment.self, "web", in: "other")
        _ = try await api.client.list(
            Pod.self, labelSelector: "app.kubernetes.io/name=web,tier in (a,b),!legacy", fieldSelector: "status.phase=Running")
        _ = try await api.client.list(Node.self)
        _ = try await api.client.list(Deployment.self, in: KubeClient.allNamespaces)
        _ = try await api.client.list(APIResource(group: "example.com", version: "v1", kind: "Widget", plural: "widgets", namespaced: true))
        try await api.stop()

        let requests = api.server.requests
        #expect(
            requests.map(\.url.path) == [
                "/apis/apps/v1/namespaces/shop/deployments/web",
                "/apis/apps/v1/namespaces/other/deployments/web",
                "/api/v1/namespaces/shop/pods",
                "/api/v1/nodes",
                "/apis/apps/v1/deployments",
                "/apis/example.com/v1/namespaces/shop/widgets",
            ])
        #expect(requests[2].query("labelSelector") == "app.kubernetes.io/name=web,tier in (a,b),!legacy")
        #expect(requests[2].url.query?.contains("labelSelector=app.kubernetes.io%2Fname%3Dweb%2Ctier%20in%20%28a%2Cb%29%2C%21legacy") == true)
        #expect(requests[2].query("fieldSelector") == "status.phase=Running")
        #expect(requests[2].query("limit") == "500")
        #expect(requests[0].headers["Authorization"] == "Bearer static-token")
        #expect(requests[0].headers["Accept"] == "application/json")
        #expect(requests[0].headers["User-Agent"]?.contains("kubekit") == true)
    }

    /// Each patch strategy goes with its content type; guards put the resourceVersion where
    /// the server checks it; apply sends its field manager and force.
    @Test func patchesUseTheirContentTypes() async throws {
        let api = try await FakeAPI { _ in Fixtures.json(Fixtures.deployment("web")) }
        let client = api.client
        _ = try await client.patch(Service.self, "web", .merge(["spec": ["selector": ["v": "2"]]], resourceVersion: "41"))
        _ = try await client.patch(
            Deployment.self, "web", .strategicMerge(["spec": ["template": ["spec": ["containers": [["name": "web", "image": "x:2"]]]]]]))
        _ = try await client.patch(
            Deployment.self, "web",
            .json(
                [.replace("/spec/replicas", 3), .add(JSONPatchOperation.pointer(["metadata", "annotations", "example.com/by"]), "me")],
                resourceVersion: "42")
        )
        _ = try await client.patch(
            Deployment.self, "web",
            .apply(["apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "web"]], fieldManager: "bluegreen", force: true))
        _ = try await client.patch(
            Deployment.self, "web", .merge(["metadata": ["labels": ["a": "b"]]]), options: WriteOptions(fieldManager: "me", dryRun: true))
        try await api.stop()

        let requests = api.server.requests
        #expect(requests.allSatisfy { $0.method == "PATCH" })
        #expect(
            requests.map { $0.headers["Content-Type"] } == [
                "application/merge-patch+json", "application/strategic-merge-patch+json", "application/json-patch+json",
                "application/apply-patch+yaml", "application/merge-patch+json",
            ])
        #expect(requests[0].url.path == "/api/v1/namespaces/shop/services/web")
        #expect(requests[0].jsonBody == ["spec": ["selector": ["v": "2"]], "metadata": ["resourceVersion": "41"]])
        #expect(
            requests[2].jsonBody == [
                ["op": "replace", "path": "/spec/replicas", "value": 3],
                ["op": "add", "path": "/metadata/annotations/example.com~1by", "value": "me"],
                ["op": "replace", "path": "/metadata/resourceVersion", "value": "42"],
            ])
        #expect(requests[3].query("fieldManager") == "bluegreen")
        #expect(requests[3].query("force") == "true")
        #expect(requests[4].query("fieldManager") == "me")
        #expect(requests[4].query("dryRun") == "All")
    }

    /// Creates fill in apiVersion and kind; replaces need a resourceVersion; deletes send
    /// DeleteOptions with propagation, grace period and preconditions.
    @Test func writesAndDeletes() async throws {
        let api = try await FakeAPI { request in Fixtures.json(request.jsonBody ?? Fixtures.deployment("web")) }
        let client = api.client
        var deployment = Deployment(object: ["metadata": ["name": "web"]])
        _ = try await client.create(deployment)
        let missingVersion = try await #require(throws: KubeError.self) { try await client.replace(deployment) }
        #expect(missingVersion.reason == .invalidRequest)
        #expect(missingVersion.description.contains("resourceVersion"))
        deployment.metadata.resourceVersion = "9"
        _ = try await client.replace(deployment)
        try await client.delete(
            Deployment.self, "web-41",
            options: DeleteOptions(propagationPolicy: .background, gracePeriodSeconds: 0, preconditions: .init(uid: "u-41", resourceVersion: "77"))
        )
        _ = try await client.scale(Deployment.self, "web", replicas: 4)
        let wrongNamespace = Deployment(object: ["metadata": ["name": "web", "namespace": "a"]])
        let mismatch = try await #require(throws: KubeError.self) { try await client.create(wrongNamespace, in: "b") }
        #expect(mismatch.description.contains("does not match"))
        try await api.stop()

        let requests = api.server.requests
        #expect(requests.map(\.method) == ["POST", "PUT", "DELETE", "PATCH"])
        #expect(requests[0].url.path == "/apis/apps/v1/namespaces/shop/deployments")
        #expect(requests[0].jsonBody?["apiVersion"] == "apps/v1")
        #expect(requests[0].jsonBody?["kind"] == "Deployment")
        #expect(requests[1].url.path == "/apis/apps/v1/namespaces/shop/deployments/web")
        #expect(requests[1].jsonBody?["metadata"]?["resourceVersion"] == "9")
        #expect(requests[2].url.path == "/apis/apps/v1/namespaces/shop/deployments/web-41")
        #expect(
            requests[2].jsonBody == [
                "kind": "DeleteOptions", "apiVersion": "v1", "propagationPolicy": "Background", "gracePeriodSeconds": 0,
                "preconditions": ["uid": "u-41", "resourceVersion": "77"],
            ])
        #expect(requests[3].url.path == "/apis/apps/v1/namespaces/shop/deployments/web/scale")
        #expect(requests[3].jsonBody == ["spec": ["replicas": 4]])
    }

    /// Impersonation from the configuration becomes the Impersonate-* headers.
    @Test func impersonationHeaders() async throws {
        let server = try await TestHTTPServer { _ in Fixtures.json(Fixtures.deployment("web")) }
        var configuration = ClusterConfiguration(server: server.baseURL)
        configuration.impersonateUser = "ci-bot"
        configuration.impersonateGroups = ["deployers", "auditors"]
        let client = try KubeClient(configuration)
        _ = try await client.get(Deployment.self, "web")
        try await client.shutdown()
        await server.shutdown()
        let request = try #require(server.requests.first)
        #expect(request.headers["Impersonate-User"] == "ci-bot")
        #expect(request.headers.values(for: "Impersonate-Group") == ["deployers", "auditors"])
        #expect(request.headers["Authorization"] == nil)
    }
}
