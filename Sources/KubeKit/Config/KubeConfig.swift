import Foundation

/// A kubeconfig as kubectl loads it: one file, or several merged (the first file to set a
/// context, cluster, user or `current-context` wins), with a context selected.
///
/// ```swift
/// let config = try KubeConfig.load(kubeconfigPath: nil, context: nil, environment: ProcessInfo.processInfo.environment)
/// let client = try KubeClient(try config.clusterConfiguration(), logger: logger)
/// ```
///
/// When no kubeconfig exists and the process runs in a pod (`KUBERNETES_SERVICE_HOST` is set),
/// the loaded configuration is the pod's service account, as with kubectl.
public struct KubeConfig: Sendable {
    /// Clusters by name.
    public var clusters: [String: Cluster]
    /// Users (`AuthInfo`s) by name.
    public var users: [String: User]
    /// Contexts by name.
    public var contexts: [String: Context]
    /// The context in use: the override given to ``load(kubeconfigPath:context:environment:homeDirectory:serviceAccountDirectory:)``,
    /// else the files' `current-context`.
    public var currentContext: String?
    /// The files that were read, in precedence order.
    public var files: [String]
    /// Set when the configuration is the in-cluster service account rather than a file.
    var inCluster: InClusterEnvironment?

    /// A configuration from parts.
    public init(
        clusters: [String: Cluster] = [:],
        users: [String: User] = [:],
        contexts: [String: Context] = [:],
        currentContext: String? = nil,
        files: [String] = []
    ) {
        self.clusters = clusters
        self.users = users
        self.contexts = contexts
        self.currentContext = currentContext
        self.files = files
    }

    /// Whether this is the in-cluster service-account configuration.
    public var isInCluster: Bool { inCluster != nil }

    /// The current context's namespace, else `default`.
    public var namespace: String {
        if let inCluster { return inCluster.namespace }
        guard let name = currentContext, let namespace = contexts[name]?.namespace, !namespace.isEmpty else { return "default" }
        return namespace
    }
}
