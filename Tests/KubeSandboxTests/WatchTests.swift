import Testing

@testable import KubeSandbox

struct WatchTests {
    /// A watch from a version replays later changes, then streams new ones, as ADDED/MODIFIED/DELETED.
    @Test func eventsAndResumption() async throws {
        try await withSandbox { _, client async throws in
            let created = try await client.post(Manifests.configMaps, Manifests.configMap("a")).json
            let version = try #require(created.string(at: "metadata", "resourceVersion"))
            _ = try await client.patch("\(Manifests.configMaps)/a", ["data": ["k": "2"]], type: "application/merge-patch+json")
            let (status, events) = try await client.watch("\(Manifests.configMaps)?watch=1&resourceVersion=\(version)")
            #expect(status == 200)
            var iterator = events.makeAsyncIterator()
            let replayed = try #require(try await iterator.next())
            #expect(replayed["type"] == "MODIFIED")
            #expect(replayed.value(at: ["object", "data", "k"]) == "2")
            _ = try await client.delete("\(Manifests.configMaps)/a")
            _ = try await client.post(Manifests.configMaps, Manifests.configMap("b"))
            let deleted = try #require(try await iterator.next())
            #expect(deleted["type"] == "DELETED")
            let added = try #require(try await iterator.next())
            #expect(added["type"] == "ADDED")
            #expect(added.string(at: "object", "metadata", "name") == "b")
            let versions = [replayed, deleted, added].compactMap { Int($0.string(at: "object", "metadata", "resourceVersion") ?? "") }
            #expect(versions == versions.sorted() && versions.count == 3)
        }
    }

    /// Without a version, a watch starts with every current object as ADDED.
    @Test func initialEvents() async throws {
        try await withSandbox { _, client async throws in
            _ = try await client.post(Manifests.configMaps, Manifests.configMap("x"))
            _ = try await client.post(Manifests.configMaps, Manifests.configMap("y"))
            let (_, events) = try await client.watch("\(Manifests.configMaps)?watch=true")
            var iterator = events.makeAsyncIterator()
            let first = try #require(try await iterator.next())
            let second = try #require(try await iterator.next())
            #expect([first, second].map { $0["type"] } == ["ADDED", "ADDED"])
            #expect([first, second].compactMap { $0.string(at: "object", "metadata", "name") } == ["x", "y"])
        }
    }

    /// A version older than the kept history gets an ERROR event carrying a 410 Expired Status.
    @Test func tooOldResourceVersion() async throws {
        try await withSandbox({ $0.watchHistoryLimit = 2 }) { _, client async throws in
            let created = try await client.post(Manifests.configMaps, Manifests.configMap("a")).json
            let version = try #require(created.string(at: "metadata", "resourceVersion"))
            for index in 0..<4 {
                _ = try await client.patch("\(Manifests.configMaps)/a", ["data": ["n": .int(index)]], type: "application/merge-patch+json")
            }
            let (status, events) = try await client.watch("\(Manifests.configMaps)?watch=1&resourceVersion=\(version)")
            #expect(status == 200)
            var iterator = events.makeAsyncIterator()
            let error = try #require(try await iterator.next())
            #expect(error["type"] == "ERROR")
            #expect(error.int(at: "object", "code") == 410)
            #expect(error.string(at: "object", "reason") == "Expired")
            #expect((error.string(at: "object", "message") ?? "").hasPrefix("too old resource version: \(version)"))
            #expect(try await iterator.next() == nil)
        }
    }

    /// Watches that ask for bookmarks get them, with the current version.
    @Test func bookmarks() async throws {
        try await withSandbox({ $0.bookmarkInterval = .milliseconds(100) }) { _, client async throws in
            let created = try await client.post(Manifests.configMaps, Manifests.configMap("a")).json
            let version = try #require(created.string(at: "metadata", "resourceVersion"))
            let (_, events) = try await client.watch("\(Manifests.configMaps)?watch=1&allowWatchBookmarks=true&resourceVersion=\(version)")
            var iterator = events.makeAsyncIterator()
            let bookmark = try #require(try await iterator.next())
            #expect(bookmark["type"] == "BOOKMARK")
            #expect(bookmark.string(at: "object", "kind") == "ConfigMap")
            #expect(Int(bookmark.string(at: "object", "metadata", "resourceVersion") ?? "") ?? 0 >= Int(version)!)
        }
    }

    /// With a selector, objects moving into or out of the selection arrive as ADDED and DELETED.
    @Test func selectorTransitions() async throws {
        try await withSandbox { _, client async throws in
            let created = try await client.post(Manifests.configMaps, Manifests.configMap("a", labels: ["stage": "blue"])).json
            let version = try #require(created.string(at: "metadata", "resourceVersion"))
            let (_, events) = try await client.watch("\(Manifests.configMaps)?watch=1&labelSelector=stage%3Dgreen&resourceVersion=\(version)")
            var iterator = events.makeAsyncIterator()
            _ = try await client.patch(
                "\(Manifests.configMaps)/a", ["metadata": ["labels": ["stage": "green"]]], type: "application/merge-patch+json")
            _ = try await client.patch("\(Manifests.configMaps)/a", ["metadata": ["labels": ["stage": "blue"]]], type: "application/merge-patch+json")
            #expect(try await iterator.next()?["type"] == "ADDED")
            #expect(try await iterator.next()?["type"] == "DELETED")
        }
    }

    /// timeoutSeconds ends the watch from the server side.
    @Test func watchTimeout() async throws {
        try await withSandbox { _, client async throws in
            let (_, events) = try await client.watch("\(Manifests.configMaps)?watch=1&resourceVersion=1&timeoutSeconds=1")
            var count = 0
            for try await _ in events { count += 1 }
            #expect(count == 0)
        }
    }
}
