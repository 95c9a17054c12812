import Testing

@testable import KubeSandbox

struct BadInputTests {
    /// Malformed bodies, absurd numbers and hostile nesting get 4xx answers, never a crash or a hang.
    @Test func hostileRequests() async throws {
        try await withSandbox { _, client async throws in
            let notJSON = try await client.request("POST", Manifests.configMaps, contentType: "application/json", rawBody: "{not json")
            #expect(notJSON.status == 400)
            #expect(notJSON.json["kind"] == "Status")
            let deep = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
            #expect(try await client.request("POST", Manifests.configMaps, contentType: "application/json", rawBody: deep).status == 400)
            let huge = try await client.post(Manifests.deployments, Manifests.deployment("huge", replicas: Int(Int32.max) + 1))
            #expect(huge.status == 422)
            var grace = Manifests.configMap("g")
            grace["metadata"]["name"] = "g"
            _ = try await client.post(Manifests.configMaps, grace)
            #expect(try await client.delete("\(Manifests.configMaps)/g?gracePeriodSeconds=99999999999999999").status == 200)
            let patchOnList = try await client.patch("\(Manifests.configMaps)/missing", ["data": ["a": "b"]], type: "application/merge-patch+json")
            #expect(patchOnList.status == 404)
            let badJSONPatch = try await client.patch(
                "\(Manifests.configMaps)", [["op": "remove", "path": "/x"]], type: "application/json-patch+json")
            #expect(badJSONPatch.status == 405)
            let wrongKind = try await client.post(Manifests.configMaps, ["apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "x"]])
            #expect(wrongKind.status == 400)
            let percent = Manifests.deployment(
                "pct", strategy: ["type": "RollingUpdate", "rollingUpdate": ["maxSurge": "1e300%", "maxUnavailable": "9223372036854775807"]])
            #expect(try await client.post(Manifests.deployments, percent).status == 201)
            _ = try await client.waitFor("\(Manifests.deployments)/pct") { $0.int(at: "status", "availableReplicas") == 2 }
        }
    }
}
