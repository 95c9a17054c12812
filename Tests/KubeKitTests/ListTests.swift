import Foundation
import KubeKit
import SDKCore
import TestSupport
import Testing

/// Transparent pagination.
struct ListTests {
    static func page(_ names: [String], next: String?, resourceVersion: String = "100") -> HTTPResponse {
        var metadata: JSONValue = ["resourceVersion": .string(resourceVersion)]
        if let next { metadata["continue"] = .string(next) }
        return Fixtures.json([
            "kind": "PodList", "apiVersion": "v1", "metadata": metadata,
            "items": .array(names.map { ["metadata": ["name": .string($0), "namespace": "shop"]] }),
        ])
    }

    /// Every page is requested with the previous page's continue token and the same
    /// selectors, and the items are gathered in order with kind and apiVersion filled in.
    @Test func followsContinueTokens() async throws {
        let api = try await FakeAPI { request in
            switch request.query("continue") {
            case nil: return Self.page(["a", "b"], next: "tok/1+=")
            case "tok/1+=": return Self.page(["c", "d"], next: "tok2")
            default: return Self.page(["e"], next: nil, resourceVersion: "999")
            }
        }
        let list = try await api.client.list(Pod.self, labelSelector: "app=web", pageSize: 2)
        #expect(list.items.map(\.name) == ["a", "b", "c", "d", "e"])
        #expect(list.items.allSatisfy { $0.kind == "Pod" && $0.apiVersion == "v1" })
        #expect(list.resourceVersion == "100")
        let requests = api.server.requests
        #expect(requests.map { $0.query("continue") } == [nil, "tok/1+=", "tok2"])
        #expect(requests.allSatisfy { $0.query("labelSelector") == "app=web" && $0.query("limit") == "2" })
        try await api.stop()
    }

    /// An expired continue token (410) makes the list start over without paging.
    @Test func expiredContinueTokenFallsBackToAFullList() async throws {
        let api = try await FakeAPI { request in
            switch (request.query("limit"), request.query("continue")) {
            case (_?, nil): return Self.page(["a"], next: "old")
            case (_?, "old"):
                return Fixtures.status(
                    410, reason: "Expired", message: "The provided continue parameter is too old to display a consistent list result.")
            default: return Self.page(["a", "b", "c"], next: nil, resourceVersion: "200")
            }
        }
        let list = try await api.client.list(Pod.self, pageSize: 1)
        #expect(list.items.map(\.name) == ["a", "b", "c"])
        #expect(list.resourceVersion == "200")
        #expect(api.server.requests.last?.query("limit") == nil)
        try await api.stop()
    }
}
