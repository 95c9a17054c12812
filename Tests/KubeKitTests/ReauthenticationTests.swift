import Foundation
import KubeKit
import SDKCore
import Synchronization
import TestSupport
import Testing

/// How a 401 is handled: one refresh of the credential, one repeat of the request.
struct ReauthenticationTests {
    /// A provider that hands out `token-1`, `token-2` … and counts forced refreshes.
    final class SequenceProvider: TokenProvider {
        let issued = Counter()
        let forced = Counter()
        private let current = Mutex<String?>(nil)

        func token(forceRefresh: Bool) async throws -> Secret {
            if forceRefresh {
                _ = forced.increment()
                try await Task.sleep(for: .milliseconds(50))
                return Secret(
                    current.withLock {
                        $0 = "token-\(issued.increment())"; return $0 ?? ""
                    })
            }
            return Secret(
                current.withLock { token in
                    if token == nil { token = "token-\(issued.increment())" }
                    return token ?? ""
                })
        }
    }

    /// A 401 refreshes the credential once and repeats the request once with the new token.
    @Test func unauthorizedRefreshesOnce() async throws {
        let provider = SequenceProvider()
        let api = try await FakeAPI(auth: .tokenProvider(provider)) { request in
            request.headers["Authorization"] == "Bearer token-2"
                ? Fixtures.json(Fixtures.deployment("web")) : Fixtures.status(401, reason: "Unauthorized", message: "Unauthorized")
        }
        _ = try await api.client.get(Deployment.self, "web")
        #expect(api.server.requests.map { $0.headers["Authorization"] } == ["Bearer token-1", "Bearer token-2"])
        #expect(provider.forced.current == 1)
        try await api.stop()
    }

    /// When the new credential is refused too, the request fails after exactly one
    /// re-authentication, with an error that says what to check.
    @Test func persistentUnauthorizedFailsAfterOneRefresh() async throws {
        let provider = SequenceProvider()
        let api = try await FakeAPI(auth: .tokenProvider(provider)) { _ in Fixtures.status(401, reason: "Unauthorized", message: "Unauthorized") }
        let error = try await #require(throws: KubeError.self) { try await api.client.list(Pod.self) }
        #expect(error.isUnauthorized)
        #expect(error.description.contains("credentials"))
        #expect(api.server.requests.count == 2)
        #expect(provider.forced.current == 1)
        try await api.stop()
    }

    /// Many requests refused with the same token share one refresh.
    @Test func concurrentUnauthorizedShareOneRefresh() async throws {
        let provider = SequenceProvider()
        let api = try await FakeAPI(auth: .tokenProvider(provider)) { request in
            request.headers["Authorization"] == "Bearer token-1"
                ? Fixtures.status(401, reason: "Unauthorized", message: "Unauthorized") : Fixtures.json(Fixtures.deployment("web"))
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<6 { group.addTask { _ = try await api.client.get(Deployment.self, "web") } }
            try await group.waitForAll()
        }
        #expect(provider.forced.current == 1)
        #expect(provider.issued.current == 2)
        #expect(api.server.requests.count == 12)
        try await api.stop()
    }

    /// A fixed bearer token cannot be refreshed, so a 401 is final at once.
    @Test func staticTokenIsNotRetried() async throws {
        let api = try await FakeAPI { _ in Fixtures.status(401, reason: "Unauthorized", message: "Unauthorized") }
        _ = try? await api.client.get(Deployment.self, "web")
        #expect(api.server.requests.count == 1)
        try await api.stop()
    }

    /// An exec plugin is run again after a 401, and no token reaches the logs.
    @Test func execPluginRunsAgainAfterUnauthorizedAndTokensStayOutOfLogs() async throws {
        let plugin = try ExecPlugin()
        let provider = ExecCredentialProvider(plugin.configuration())
        let api = try await FakeAPI(auth: .tokenProvider(provider)) { request in
            request.headers["Authorization"] == "Bearer token-2"
                ? Fixtures.json(Fixtures.deployment("web")) : Fixtures.status(401, reason: "Unauthorized", message: "Unauthorized")
        }
        _ = try await api.client.get(Deployment.self, "web")
        #expect(plugin.runs == 2)
        #expect(api.logs.entries.isEmpty == false)
        #expect(api.logs.allText.contains("token-") == false)
        try await api.stop()
    }

    /// A token file is read again after a 401, so a rotated token is picked up at once.
    @Test func tokenFileIsReadAgainAfterUnauthorized() async throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("token", "old")
        let api = try await FakeAPI(auth: .tokenFile(path)) { request in
            if request.headers["Authorization"] == "Bearer old" {
                // The kubelet rotates the token while the request is in flight.
                _ = try? directory.write("token", "new")
                return Fixtures.status(401, reason: "Unauthorized", message: "Unauthorized")
            }
            return Fixtures.json(Fixtures.deployment("web"))
        }
        _ = try await api.client.get(Deployment.self, "web")
        #expect(api.server.requests.map { $0.headers["Authorization"] } == ["Bearer old", "Bearer new"])
        try await api.stop()
    }
}
