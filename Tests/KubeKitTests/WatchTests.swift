import Foundation
import SDKCore
import Synchronization
import TestSupport
import Testing

@testable import KubeKit

/// Watches: decoding, resumption, bookmarks, relisting on 410.
struct WatchTests {
    static func object(_ name: String, _ resourceVersion: String, uid: String? = nil) -> JSONValue {
        ["metadata": ["name": .string(name), "namespace": "shop", "resourceVersion": .string(resourceVersion), "uid": .string(uid ?? "uid-\(name)")]]
    }

    static func events(_ events: [(String, JSONValue)]) -> HTTPResponse {
        let lines = events.map { type, object in
            String(decoding: JSONValue.object(["type": .string(type), "object": object]).serialized(), as: UTF8.self)
        }
        return HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: Data((lines.joined(separator: "\n") + "\n").utf8))
    }

    static func list(_ objects: [JSONValue], resourceVersion: String) -> HTTPResponse {
        Fixtures.json([
            "kind": "DeploymentList", "apiVersion": "apps/v1", "metadata": ["resourceVersion": .string(resourceVersion)], "items": .array(objects),
        ])
    }

    static func take<T>(_ count: Int, from stream: AsyncThrowingStream<WatchEvent<T>, any Error>) async throws -> [WatchEvent<T>] {
        var events: [WatchEvent<T>] = []
        for try await event in stream {
            events.append(event)
            if events.count == count { break }
        }
        return events
    }

    /// A watch starts from a list, resumes from the last version after the connection ends
    /// (bookmarks included), and after a 410 lists again and reports only the differences:
    /// no event is lost or repeated.
    @Test func resumesAndRelistsWithoutLosingOrRepeatingEvents() async throws {
        let step = Counter()
        let api = try await FakeAPI { request in
            switch step.increment() {
            case 1: return Self.list([Self.object("a", "5"), Self.object("b", "6")], resourceVersion: "10")
            case 2:
                return Self.events([
                    ("MODIFIED", Self.object("a", "11")), ("BOOKMARK", ["metadata": ["resourceVersion": "15"]]), ("ADDED", Self.object("c", "16")),
                ])
            case 3:
                return Self.events([
                    (
                        "ERROR",
                        [
                            "kind": "Status", "apiVersion": "v1", "status": "Failure", "reason": "Expired", "code": 410,
                            "message": "too old resource version: 16 (30)",
                        ]
                    )
                ])
            case 4: return Self.list([Self.object("a", "11"), Self.object("c", "16"), Self.object("d", "17")], resourceVersion: "20")
            case 5: return Self.events([("DELETED", Self.object("a", "21"))])
            default: return Self.events([])
            }
        }
        let events = try await Self.take(7, from: api.client.watch(Deployment.self))
        #expect(
            events.map { "\($0.type) \($0.object.name) \($0.object.metadata.resourceVersion ?? "")" } == [
                "ADDED a 5", "ADDED b 6", "MODIFIED a 11", "ADDED c 16", "ADDED d 17", "DELETED b 6", "DELETED a 21",
            ])
        #expect(events.allSatisfy { $0.object.kind == "Deployment" })
        // The watch may already be asking for more when the test stops it; look at the first five.
        let requests = Array(api.server.requests.prefix(5))
        #expect(requests.map { $0.query("watch") } == [nil, "1", "1", nil, "1"])
        #expect(requests.map { $0.query("resourceVersion") } == [nil, "10", "16", nil, "20"])
        #expect(requests[1].query("allowWatchBookmarks") == "true")
        try await api.stop()
    }

    /// A watch from a resourceVersion does not list first; bookmarks reach the caller when asked.
    @Test func startsFromAVersionAndDeliversBookmarks() async throws {
        let api = try await FakeAPI { request in
            request.query("resourceVersion") == "42"
                ? Self.events([("BOOKMARK", ["kind": "Deployment", "metadata": ["resourceVersion": "50"]]), ("MODIFIED", Self.object("web", "51"))])
                : Self.events([])
        }
        let stream = api.client.watch(Deployment.self, name: "web", resourceVersion: "42", options: WatchOptions(deliverBookmarks: true))
        let events = try await Self.take(2, from: stream)
        #expect(events.map(\.type) == [.bookmark, .modified])
        #expect(events[0].object.metadata.resourceVersion == "50")
        #expect(api.server.requests.first?.query("fieldSelector") == "metadata.name=web")
        try await api.stop()
    }

    /// A watch request answered 410 outright also relists.
    @Test func httpGoneRelists() async throws {
        let step = Counter()
        let api = try await FakeAPI { _ in
            switch step.increment() {
            case 1: return Fixtures.status(410, reason: "Expired", message: "too old resource version")
            case 2: return Self.list([Self.object("web", "70")], resourceVersion: "70")
            default: return Self.events([("MODIFIED", Self.object("web", "71"))])
            }
        }
        let events = try await Self.take(2, from: api.client.watch(Deployment.self, resourceVersion: "3"))
        #expect(events.map { "\($0.type) \($0.object.metadata.resourceVersion ?? "")" } == ["ADDED 70", "MODIFIED 71"])
        try await api.stop()
    }

    /// An ERROR event other than 410 ends the watch with that error.
    @Test func errorEventEndsTheWatch() async throws {
        let api = try await FakeAPI { _ in
            Self.events([
                ("ERROR", ["kind": "Status", "status": "Failure", "reason": "Forbidden", "code": 403, "message": "deployments.apps is forbidden"])
            ])
        }
        let error = try await #require(throws: KubeError.self) {
            _ = try await Self.take(1, from: api.client.watch(Deployment.self, resourceVersion: "1"))
        }
        #expect(error.isForbidden)
        try await api.stop()
    }

    /// A server that keeps closing watches at once, with nothing to say, is given up on.
    @Test func emptyConnectionsAreNotRetriedForever() async throws {
        let api = try await FakeAPI { _ in Self.events([]) }
        let error = try await #require(throws: KubeError.self) {
            _ = try await Self.take(
                1, from: api.client.watch(Deployment.self, resourceVersion: "1", options: WatchOptions(maxConsecutiveFailures: 3)))
        }
        #expect(error.message.contains("kept ending"))
        // Three in a row end it; a connection slowed past a second by a busy machine counts as a
        // normal one and starts the count again, so allow more (but not an endless loop).
        #expect((3...30).contains(api.server.requests.count))
        try await api.stop()
    }

    /// Events split anywhere across chunks, with braces inside strings, are reassembled.
    @Test func splitterReassemblesEventsAcrossChunks() throws {
        let text = #"{"type":"ADDED","object":{"metadata":{"name":"a{\"}"}}}"# + "\n" + #"{"type":"DELETED","object":{}}"#
        let bytes = Array(text.utf8)
        for cut in stride(from: 1, to: bytes.count, by: 7) {
            var splitter = JSONStreamSplitter()
            var documents = try splitter.append(Data(bytes[..<cut]))
            documents += try splitter.append(Data(bytes[cut...]))
            #expect(documents.count == 2)
            #expect(try JSONValue(parsing: documents[0])["object"]?["metadata"]?["name"] == "a{\"}")
            #expect(splitter.hasPartialDocument == false)
        }
        var broken = JSONStreamSplitter()
        #expect(throws: (any Error).self) { try broken.append(Data("garbage".utf8)) }
    }
}
