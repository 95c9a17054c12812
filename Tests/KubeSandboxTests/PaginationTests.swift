import Testing

@testable import KubeSandbox

struct PaginationTests {
    private func names(_ list: JSON) -> [String] {
        list["items"].arrayValue?.compactMap { $0.string(at: "metadata", "name") } ?? []
    }

    /// limit/continue walks every object once, in key order, with remainingItemCount.
    @Test func pagesCoverEverything() async throws {
        try await withSandbox { _, client async throws in
            for index in 0..<7 { _ = try await client.post(Manifests.configMaps, Manifests.configMap("cm-\(index)")) }
            var seen: [String] = []
            var token: String?
            var pages = 0
            repeat {
                let query = "limit=3" + (token.map { "&continue=\($0)" } ?? "")
                let page = try await client.get("\(Manifests.configMaps)?\(query)").json
                seen += names(page)
                token = page.string(at: "metadata", "continue")
                if pages == 0 { #expect(page.int(at: "metadata", "remainingItemCount") == 4) }
                pages += 1
            } while token != nil && pages < 10
            #expect(pages == 3)
            #expect(seen == (0..<7).map { "cm-\($0)" })
        }
    }

    /// Later pages show the list as it was at the first page, even while objects change.
    @Test func pagesAreConsistentWhileObjectsChange() async throws {
        try await withSandbox { _, client async throws in
            for index in 0..<6 { _ = try await client.post(Manifests.configMaps, Manifests.configMap("cm-\(index)", data: ["v": "old"])) }
            let first = try await client.get("\(Manifests.configMaps)?limit=2").json
            let token = try #require(first.string(at: "metadata", "continue"))
            // Change the rest of the list: delete one, modify one, add one.
            _ = try await client.delete("\(Manifests.configMaps)/cm-3")
            _ = try await client.patch("\(Manifests.configMaps)/cm-4", ["data": ["v": "new"]], type: "application/merge-patch+json")
            _ = try await client.post(Manifests.configMaps, Manifests.configMap("cm-5a"))
            let rest = try await client.get("\(Manifests.configMaps)?limit=10&continue=\(token)").json
            #expect(names(rest) == ["cm-2", "cm-3", "cm-4", "cm-5"])
            #expect(rest["items"].arrayValue?.first { $0.string(at: "metadata", "name") == "cm-4" }?.value(at: ["data", "v"]) == "old")
            #expect(rest.string(at: "metadata", "resourceVersion") == first.string(at: "metadata", "resourceVersion"))
            let fresh = try await client.get(Manifests.configMaps).json
            #expect(names(fresh) == ["cm-0", "cm-1", "cm-2", "cm-4", "cm-5", "cm-5a"])
        }
    }

    /// A continue token older than the kept history is answered 410 Expired.
    @Test func expiredContinueToken() async throws {
        try await withSandbox({ $0.watchHistoryLimit = 3 }) { _, client async throws in
            for index in 0..<4 { _ = try await client.post(Manifests.configMaps, Manifests.configMap("cm-\(index)")) }
            let first = try await client.get("\(Manifests.configMaps)?limit=1").json
            let token = try #require(first.string(at: "metadata", "continue"))
            for index in 0..<5 {
                _ = try await client.patch("\(Manifests.configMaps)/cm-0", ["data": ["n": .int(index)]], type: "application/merge-patch+json")
            }
            let expired = try await client.get("\(Manifests.configMaps)?limit=1&continue=\(token)")
            #expect(expired.status == 410)
            #expect(expired.json["reason"] == "Expired")
            #expect(try await client.get("\(Manifests.configMaps)?limit=1&continue=garbage").status == 400)
        }
    }
}
