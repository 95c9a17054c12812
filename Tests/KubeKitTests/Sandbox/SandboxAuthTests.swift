import Foundation
import KubeKit
import KubeSandbox
import SDKCore
import TestSupport
import Testing

/// Credential refresh against the sandbox API server.
struct SandboxAuthTests {
    /// An exec credential past its expirationTimestamp is replaced before the next request,
    /// without the server having to refuse it first.
    @Test func expiredExecCredentialIsRefreshed() async throws {
        let harness = try await SandboxHarness.start()
        let plugin = try ExecPlugin()
        let clock = ManualClock(Date())
        try plugin.setExpiry(RFC3339Text.of(clock.now.addingTimeInterval(300)))
        var configuration = try harness.execClusterConfiguration(plugin: plugin)
        let provider = ExecCredentialProvider(plugin.configuration(), refreshMargin: .seconds(10), now: clock.function)
        configuration.authentication = .tokenProvider(provider)
        let client = try harness.client(configuration)

        await harness.sandbox.setAcceptedTokens(["token-1"])
        _ = try await client.list(Namespace.self)
        _ = try await client.list(Namespace.self)
        #expect(plugin.runs == 1)

        // The server now accepts only the next token; the first has expired by the clock.
        await harness.sandbox.setAcceptedTokens(["token-2"])
        clock.advance(by: 301)
        _ = try await client.list(Namespace.self)
        #expect(plugin.runs == 2)
        #expect(harness.sandbox.counters.count(status: 401) == 0)
        try await client.shutdown()
        try await harness.stop()
    }

    /// A 401 causes exactly one re-authentication: the plugin runs once more and the request is
    /// repeated once; when the new token is refused as well, the error says so.
    @Test func unauthorizedCausesExactlyOneReauthentication() async throws {
        let harness = try await SandboxHarness.start()
        let plugin = try ExecPlugin()
        let client = try harness.client(try harness.execClusterConfiguration(plugin: plugin))

        await harness.sandbox.setAcceptedTokens(["token-2"])
        _ = try await client.list(Namespace.self)
        #expect(plugin.runs == 2)
        #expect(harness.sandbox.counters.count(status: 401) == 1)

        await harness.sandbox.setAcceptedTokens([])
        harness.sandbox.resetCounters()
        let error = try await #require(throws: KubeError.self) { try await client.list(Namespace.self) }
        #expect(error.isUnauthorized)
        #expect(plugin.runs == 3)
        #expect(harness.sandbox.counters.count(status: 401) == 2)
        try await client.shutdown()
        try await harness.stop()
    }
}
