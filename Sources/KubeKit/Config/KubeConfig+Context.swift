extension KubeConfig {
    /// A `contexts[]` entry: a cluster, a user and a default namespace.
    public struct Context: Sendable, Hashable {
        /// The cluster's name.
        public var cluster: String?
        /// The user's name.
        public var user: String?
        /// The default namespace.
        public var namespace: String?
        /// The file this entry came from.
        public var source: String?

        /// A context entry.
        public init(cluster: String? = nil, user: String? = nil, namespace: String? = nil, source: String? = nil) {
            self.cluster = cluster
            self.user = user
            self.namespace = namespace
            self.source = source
        }
    }
}
