import Foundation
import Logging
import SDKCore

/// A ``TokenProvider`` that runs a kubeconfig exec plugin (client.authentication.k8s.io v1 or
/// v1beta1) and caches its token until the `expirationTimestamp` the plugin gave (less a small
/// margin); the plugin runs again when the token is about to expire or the server rejects it.
///
/// The plugin gets `KUBERNETES_EXEC_INFO` (`spec.interactive`, and `spec.cluster` when
/// `provideClusterInfo` is set) and the configured `env`. Its standard input is connected only
/// when it may interact (`interactiveMode`) and standard input is a terminal; otherwise its
/// standard error is captured and quoted when it fails.
public struct ExecCredentialProvider: TokenProvider {
    /// The plugin's configuration.
    public let configuration: ExecConfiguration
    private let cache: CachingTokenProvider

    /// A provider for `configuration`.
    /// - Parameters:
    ///   - cluster: passed to the plugin when `provideClusterInfo` is set.
    ///   - environment: the environment the plugin inherits (before `env` applies).
    ///   - timeout: how long a non-interactive plugin may run.
    ///   - refreshMargin: how long before expiry the plugin runs again.
    ///   - now: the clock that decides expiry.
    ///   - isTerminal: whether standard input is a terminal (for `interactiveMode`).
    public init(
        _ configuration: ExecConfiguration,
        cluster: ExecClusterInfo? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        timeout: Duration = .seconds(120),
        refreshMargin: Duration = .seconds(10),
        now: @escaping @Sendable () -> Date = { Date() },
        isTerminal: @escaping @Sendable () -> Bool = { isatty(STDIN_FILENO) == 1 },
        logger: Logger = Logger(label: "KubeKit", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.configuration = configuration
        let run = ExecPluginRun(
            configuration: configuration, cluster: cluster, environment: environment, timeout: timeout, isTerminal: isTerminal, logger: logger
        )
        self.cache = CachingTokenProvider(refreshMargin: refreshMargin, now: now) { try await run.execute() }
    }

    /// The cached token, or the plugin's fresh one.
    public func token(forceRefresh: Bool) async throws -> Secret {
        try await cache.token(forceRefresh: forceRefresh)
    }

    /// The cached credential (token and expiry), or the plugin's fresh one.
    public func credential(forceRefresh: Bool = false) async throws -> AccessToken {
        try await cache.accessToken(forceRefresh: forceRefresh)
    }

    /// How many times the plugin has run.
    public var runCount: Int {
        get async { await cache.fetchCount }
    }
}
