/// Everything a deploy needs to decide, validated before any request is sent.
public struct DeployRequest: Sendable, Equatable {
    /// How the image is checked before it is deployed.
    public enum ImageCheck: Sendable, Equatable {
        /// The tag must exist in the registry.
        case verify
        /// The tag must exist; the Deployment names the digest it resolves to.
        case pinDigest
        /// No registry lookup (for registries the pipeline cannot reach).
        case skip
    }

    public var app: String
    public var version: String
    public var namespace: String
    /// The image to run, with its tag (or digest).
    public var image: ImageReference
    public var replicas: Int
    public var capacity: CapacityCheck
    public var imageCheck: ImageCheck
    /// What one pod of the new version requests (from the rendered template).
    public var podRequests: Resources
    /// Whether a verification command runs before the switch.
    public var verify: Bool
    /// Whether a preview Service exists in the templates, pointed at the new version before its rollout wait.
    public var preview: Bool
    /// `false` for `--no-switch`: stop once the new version is ready.
    public var switchTraffic: Bool
    /// Decide and report, change nothing.
    public var dryRun: Bool
    /// Who switches (recorded in the Service's history), e.g. "jenkins/web-main#42".
    public var actor: String
    /// Keep a Deployment this run created when its rollout or verification fails (for
    /// debugging); by default it is deleted, so the cluster is left as it was found and the
    /// failed version does not count against capacity.
    public var keepFailed: Bool

    public init(
        app: String, version: String, namespace: String, image: ImageReference, replicas: Int = 2,
        capacity: CapacityCheck = CapacityCheck(), imageCheck: ImageCheck = .verify, podRequests: Resources = .zero,
        verify: Bool = false, preview: Bool = false, switchTraffic: Bool = true, dryRun: Bool = false, actor: String = "bluegreen",
        keepFailed: Bool = false
    ) {
        self.app = app
        self.version = version
        self.namespace = namespace
        self.image = image
        self.replicas = replicas
        self.capacity = capacity
        self.imageCheck = imageCheck
        self.podRequests = podRequests
        self.verify = verify
        self.preview = preview
        self.switchTraffic = switchTraffic
        self.dryRun = dryRun
        self.actor = actor
        self.keepFailed = keepFailed
    }

    /// Checks names and numbers; nothing else needs the network.
    public func validate() throws(InputError) {
        try Names.validateApp(app)
        try Names.validateVersion(version, app: app)
        guard Names.isDNSLabel(namespace) else {
            throw InputError("the namespace '\(namespace)' is not a valid DNS-1123 label")
        }
        guard (1...1000).contains(replicas) else {
            throw InputError("--replicas must be between 1 and 1000 (got \(replicas))")
        }
        if let maxVersions = capacity.maxVersions, maxVersions < 1 {
            throw InputError("--max-versions must be at least 1 (got \(maxVersions))")
        }
    }

    public var deploymentName: String { Names.deployment(app: app, version: version) }
    public var serviceName: String { Names.service(app: app) }
}
