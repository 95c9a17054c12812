import Foundation
import KubeKit
import Logging
import SDKCore
import Synchronization
import TestSupport
import Testing

struct AuthTests {
    /// An exec credential is cached until shortly before its expirationTimestamp, then the
    /// plugin runs again.
    @Test func execCredentialIsCachedUntilExpiry() async throws {
        let plugin = try ExecPlugin()
        let clock = ManualClock()
        try plugin.setExpiry(RFC3339Text.of(clock.now.addingTimeInterval(60)))
        let provider = ExecCredentialProvider(plugin.configuration(), refreshMargin: .seconds(10), now: clock.function)

        #expect(try await provider.token(forceRefresh: false).value == "token-1")
        clock.advance(by: 45)
        #expect(try await provider.token(forceRefresh: false).value == "token-1")
        #expect(plugin.runs == 1)
        clock.advance(by: 6)  // 9 s left: inside the refresh margin.
        #expect(try await provider.token(forceRefresh: false).value == "token-2")
        #expect(plugin.runs == 2)
        #expect(await provider.runCount == 2)
    }

    /// A credential whose expiry has passed is never used again.
    @Test func expiredCredentialIsRefreshed() async throws {
        let plugin = try ExecPlugin()
        let clock = ManualClock()
        try plugin.setExpiry(RFC3339Text.of(clock.now.addingTimeInterval(-1)))
        let provider = ExecCredentialProvider(plugin.configuration(), refreshMargin: .zero, now: clock.function)
        #expect(try await provider.token(forceRefresh: false).value == "token-1")
        #expect(try await provider.token(forceRefresh: false).value == "token-2")
        let credential = try await provider.credential()
        #expect(credential.expiresAt != nil)
        #expect("\(credential)".contains("token-") == false)
    }

    /// A credential without expiry is kept until a refresh is forced (after a 401).
    @Test func credentialWithoutExpiryIsKeptUntilForced() async throws {
        let plugin = try ExecPlugin()
        let provider = ExecCredentialProvider(plugin.configuration())
        #expect(try await provider.token(forceRefresh: false).value == "token-1")
        #expect(try await provider.token(forceRefresh: false).value == "token-1")
        #expect(try await provider.token(forceRefresh: true).value == "token-2")
        #expect(plugin.runs == 2)
    }

    /// The plugin gets its arguments, its env, and KUBERNETES_EXEC_INFO with spec.interactive
    /// and, when asked, the cluster (CA as base64, the exec extension as config).
    @Test func pluginReceivesExecInfoArgumentsAndEnvironment() async throws {
        let plugin = try ExecPlugin()
        let cluster = ExecClusterInfo(
            server: "https://k8s.example.com", tlsServerName: "kubernetes", certificateAuthorityPEM: "CA-PEM", config: ["audience": "sts"]
        )
        let provider = ExecCredentialProvider(plugin.configuration(provideClusterInfo: true), cluster: cluster, isTerminal: { true })
        _ = try await provider.token(forceRefresh: false)
        let info = try #require(plugin.execInfo)
        #expect(info["kind"] == "ExecCredential")
        #expect(info["apiVersion"] == .string(ExecConfiguration.v1))
        #expect(info["spec"]?["interactive"] == false)
        #expect(info["spec"]?["cluster"]?["server"] == "https://k8s.example.com")
        #expect(info["spec"]?["cluster"]?["tls-server-name"] == "kubernetes")
        #expect(info["spec"]?["cluster"]?["certificate-authority-data"] == .string(Data("CA-PEM".utf8).base64EncodedString()))
        #expect(info["spec"]?["cluster"]?["config"] == ["audience": "sts"])
        #expect(plugin.arguments == "get-token --cluster prod")
        #expect(plugin.greeting == "hello")

        let withoutCluster = try ExecPlugin()
        _ = try await ExecCredentialProvider(withoutCluster.configuration(), cluster: cluster).token(forceRefresh: false)
        #expect(withoutCluster.execInfo?["spec"]?["cluster"] == nil)
    }

    /// IfAvailable is interactive only on a terminal; Always without a terminal is an error
    /// that says so, and the plugin does not run.
    @Test func interactiveModes() async throws {
        let plugin = try ExecPlugin()
        _ = try await ExecCredentialProvider(plugin.configuration(interactiveMode: .ifAvailable), isTerminal: { false }).token(forceRefresh: false)
        #expect(plugin.execInfo?["spec"]?["interactive"] == false)
        let onTerminal = try ExecPlugin()
        _ = try await ExecCredentialProvider(onTerminal.configuration(interactiveMode: .ifAvailable), isTerminal: { true }).token(forceRefresh: false)
        #expect(onTerminal.execInfo?["spec"]?["interactive"] == true)

        let always = try ExecPlugin()
        let error = try await #require(throws: CredentialError.self) {
            try await ExecCredentialProvider(always.configuration(interactiveMode: .always), isTerminal: { false }).token(forceRefresh: false)
        }
        #expect(error.code == .interactionRequired)
        #expect(error.description.contains("not a terminal"))
        #expect(always.runs == 0)
    }

    /// Concurrent requests for an expired credential run the plugin once.
    @Test func concurrentRequestsRunThePluginOnce() async throws {
        let plugin = try ExecPlugin(delaySeconds: 0.3)
        let provider = ExecCredentialProvider(plugin.configuration())
        let tokens = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<8 { group.addTask { try await provider.token(forceRefresh: false).value } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(Set(tokens) == ["token-1"])
        #expect(plugin.runs == 1)
    }

    /// A failing plugin's error carries its exit status and stderr, and the fix.
    @Test func failingPluginIsExplained() async throws {
        let directory = try TemporaryDirectory()
        let script = try directory.write("fail.sh", "#!/bin/sh\necho 'Unable to locate credentials' >&2\nexit 3\n", executable: true)
        let error = try await #require(throws: CredentialError.self) {
            try await ExecCredentialProvider(ExecConfiguration(command: script)).token(forceRefresh: false)
        }
        #expect(error.code == .pluginFailed)
        #expect(error.description.contains("exited with status 3"))
        #expect(error.description.contains("Unable to locate credentials"))
    }

    /// A plugin that is not installed is reported with its install hint.
    @Test func missingPluginShowsInstallHint() async throws {
        let configuration = ExecConfiguration(command: "kubekit-no-such-plugin", installHint: "Install it with: brew install no-such-plugin")
        let error = try await #require(throws: CredentialError.self) {
            try await ExecCredentialProvider(configuration, environment: ["PATH": "/usr/bin:/bin"]).token(forceRefresh: false)
        }
        #expect(error.code == .pluginNotFound)
        #expect(error.description.contains("brew install no-such-plugin"))
    }

    /// Output that is not a valid ExecCredential is refused, and never quoted (it may hold a token).
    @Test(arguments: [
        (
            #"{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1beta1","status":{"token":"SECRET-1"}}"#,
            "returned version 'client.authentication.k8s.io/v1beta1'"
        ),
        ("token: SECRET-2", "did not print an ExecCredential"),
        (#"{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","status":{"token":""}}"#, "without a token"),
        (#"{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1"}"#, "without a status"),
        (
            #"{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","status":{"token":"SECRET-3","expirationTimestamp":"soon"}}"#,
            "not an RFC 3339 time"
        ),
        (#"{"kind":"Other","apiVersion":"client.authentication.k8s.io/v1","status":{"token":"SECRET-4"}}"#, "not an ExecCredential"),
    ])
    func invalidCredentialsAreRefused(output: String, problem: String) async throws {
        let directory = try TemporaryDirectory()
        try directory.write("out.json", output)
        let script = try directory.write("p.sh", "#!/bin/sh\ncat \"$(dirname \"$0\")/out.json\"\n", executable: true)
        let error = try await #require(throws: CredentialError.self) {
            try await ExecCredentialProvider(ExecConfiguration(command: script)).token(forceRefresh: false)
        }
        #expect(error.code == .invalidCredential)
        #expect(error.description.contains(problem), "\(error)")
        #expect(error.description.contains("SECRET") == false)
    }

    /// A token file is read again when it changes, and not otherwise.
    @Test func tokenFileIsReadAgainWhenItChanges() async throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("token", "first-token\n")
        let provider = TokenFileProvider(path: path)
        #expect(try await provider.token(forceRefresh: false).value == "first-token")
        try directory.write("token", "second-token-longer")
        #expect(try await provider.token(forceRefresh: false).value == "second-token-longer")
        try directory.write("token", "")
        let error = try await #require(throws: CredentialError.self) { try await provider.token(forceRefresh: true) }
        #expect(error.description.contains("empty"))
    }

    /// The caching provider fetches once for concurrent callers and again once expired.
    @Test func cachingProviderIsSingleFlight() async throws {
        let clock = ManualClock()
        let counter = Counter()
        let provider = CachingTokenProvider(refreshMargin: .seconds(60), now: clock.function) {
            let n = counter.increment()
            try await Task.sleep(for: .milliseconds(100))
            return AccessToken(token: Secret("t\(n)"), expiresAt: clock.now.addingTimeInterval(900))
        }
        let tokens = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<5 { group.addTask { try await provider.token(forceRefresh: false).value } }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(tokens == ["t1"])
        clock.advance(by: 839)
        #expect(try await provider.token(forceRefresh: false).value == "t1")
        clock.advance(by: 2)  // 59 s left: inside the margin.
        #expect(try await provider.token(forceRefresh: false).value == "t2")
        #expect(await provider.fetchCount == 2)
    }
}

/// RFC 3339 text for tests.
enum RFC3339Text {
    static func of(_ date: Date) -> String { date.formatted(Date.ISO8601FormatStyle()) }
}

/// A thread-safe counter.
final class Counter: Sendable {
    private let value = Mutex(0)
    func increment() -> Int {
        value.withLock {
            $0 += 1; return $0
        }
    }
    var current: Int { value.withLock { $0 } }
}
