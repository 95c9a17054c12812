import AWSKit
import Foundation
import KubeKit
import Logging
import SDKCore

/// The three pipelines as library calls: deploy a version beside the live one and switch to it,
/// list and route between versions, purge idle ones. This is what `bluegreen-deploy`,
/// `bluegreen-route` and `bluegreen-purge` are built on.
///
/// ```swift
/// let pipeline = try await BlueGreenPipeline.connect(.kubeconfig(context: "staging"))
/// let result = await pipeline.deploy(.init(app: "web", version: "42", image: "registry.example.com/web"))
/// let versions = await pipeline.versions(app: "web")
/// await pipeline.shutdown()
/// ```
///
/// Every operation returns a `Result` whose failure is a ``DeployFailure`` carrying the CLI
/// contract's exit code and a message that names the problem and the fix. Changing operations
/// take the app's lock and release it, also when they fail or are cancelled.
public struct BlueGreenPipeline: Sendable {
    /// Where the cluster is.
    public enum Connection: Sendable {
        /// A kubeconfig as kubectl loads it (`path` overrides `KUBECONFIG` / `~/.kube/config`).
        case kubeconfig(path: String? = nil, context: String? = nil)
        /// An EKS cluster by name: DescribeCluster for endpoint and CA, AWSKit's token for auth.
        case eks(cluster: String)
    }

    /// Settings shared by every operation.
    public struct Settings: Sendable {
        /// Unique per run; the lock holder's name.
        public var identity: String
        /// Recorded in the Service's switch history.
        public var actor: String
        /// How long to wait for another pipeline's lock.
        public var lockWait: Duration
        /// How long a claim on the lock lasts without renewal.
        public var lockDuration: Duration
        /// How long stuck pods are tolerated during a rollout.
        public var fastFail: FastFailPolicy
        /// Region, profile, credentials: for EKS and ECR.
        public var aws: AWSConfiguration
        public var logger: Logger

        public init(
            identity: String = Identity.holder(), actor: String = Identity.actor(), lockWait: Duration = .zero, lockDuration: Duration = .seconds(30),
            fastFail: FastFailPolicy = .standard, aws: AWSConfiguration = AWSConfiguration(),
            logger: Logger = Logger(label: "bluegreen", factory: { _ in SwiftLogNoOpLogHandler() })
        ) {
            self.identity = identity
            self.actor = actor
            self.lockWait = lockWait
            self.lockDuration = lockDuration
            self.fastFail = fastFail
            self.aws = aws
            self.logger = logger
        }
    }

    public let client: KubeClient
    public let namespace: String
    public var settings: Settings
    /// The context or EKS cluster and its server, for messages.
    public let summary: String

    /// A pipeline over an existing client.
    public init(client: KubeClient, namespace: String? = nil, settings: Settings = Settings(), summary: String? = nil) {
        self.client = client
        self.namespace = namespace ?? client.namespace
        self.settings = settings
        self.summary = summary ?? client.configuration.server.absoluteString
    }

    /// Connects to the cluster; `namespace` defaults to the context's (else `default`). With
    /// `roleARN`, that IAM role is assumed for EKS and ECR.
    public static func connect(
        _ connection: Connection, namespace: String? = nil, roleARN: String? = nil, settings: Settings = Settings(),
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws -> BlueGreenPipeline {
        var settings = settings
        settings.aws = try EKSConnection.withRole(settings.aws, roleARN: roleARN)
        let configuration: ClusterConfiguration
        let summary: String
        switch connection {
        case .eks(let cluster):
            configuration = try await EKSConnection.clusterConfiguration(cluster: cluster, aws: settings.aws, logger: settings.logger)
            summary = "EKS cluster \(cluster) (\(configuration.server.host ?? ""))"
        case .kubeconfig(let path, let context):
            let kubeconfig = try KubeConfig.load(kubeconfigPath: path, context: context, environment: environment, logger: settings.logger)
            configuration = try kubeconfig.clusterConfiguration(environment: environment, logger: settings.logger)
            summary = "\(kubeconfig.currentContext.map { "context \($0)" } ?? "in-cluster") (\(configuration.server.host ?? ""))"
        }
        let client = try KubeClient(configuration, logger: settings.logger)
        return BlueGreenPipeline(client: client, namespace: namespace ?? configuration.namespace, settings: settings, summary: summary)
    }

    /// Closes the client's connections.
    public func shutdown() async {
        try? await client.shutdown()
    }

    // MARK: - Deploy

    /// What to deploy and how.
    public struct DeployOptions: Sendable {
        public var app: String
        public var version: String
        /// `registry/repo` (tagged with the version), or a full `repo:tag` / `repo@sha256:…`.
        public var image: String
        public var replicas: Int
        /// The templates' directory.
        public var templates: String
        /// `--set` values for `${KEY}` placeholders.
        public var templateValues: [String: String]
        public var capacity: CapacityCheck
        public var imageCheck: DeployRequest.ImageCheck
        /// The registry API's address when it is not `https://<registry host>`.
        public var registryEndpoint: URL?
        public var registryAuth: RegistryAuth
        /// Build and push the image first (skipped by a dry run).
        public var build: BuildOptions?
        /// A shell command run before the switch; non-zero stops the deploy.
        public var verifyCommand: String?
        public var verifyTimeout: Duration
        /// `false` stops once the new version is ready.
        public var switchTraffic: Bool
        public var dryRun: Bool
        /// Keep a failed new Deployment for debugging.
        public var keepFailed: Bool
        /// The whole deploy's time limit.
        public var timeout: Duration

        public init(
            app: String, version: String, image: String, replicas: Int = 2, templates: String = "deployment_config", templateValues: [String: String] = [:],
            capacity: CapacityCheck = CapacityCheck(), imageCheck: DeployRequest.ImageCheck = .verify, registryEndpoint: URL? = nil,
            registryAuth: RegistryAuth = .auto, build: BuildOptions? = nil, verifyCommand: String? = nil, verifyTimeout: Duration = .seconds(300),
            switchTraffic: Bool = true, dryRun: Bool = false, keepFailed: Bool = false, timeout: Duration = .seconds(600)
        ) {
            self.app = app
            self.version = version
            self.image = image
            self.replicas = replicas
            self.templates = templates
            self.templateValues = templateValues
            self.capacity = capacity
            self.imageCheck = imageCheck
            self.registryEndpoint = registryEndpoint
            self.registryAuth = registryAuth
            self.build = build
            self.verifyCommand = verifyCommand
            self.verifyTimeout = verifyTimeout
            self.switchTraffic = switchTraffic
            self.dryRun = dryRun
            self.keepFailed = keepFailed
            self.timeout = timeout
        }

        /// The image to deploy: ``image`` tagged with the version unless it names a tag or digest.
        public func imageReference() throws(InputError) -> ImageReference {
            let parsed = try ImageReference(parsing: image)
            return parsed.tag == nil && parsed.digest == nil ? parsed.with(tag: version) : parsed
        }

        /// Checks everything that needs no network: names, the image reference, the templates.
        public func validate(namespace: String = "default") throws(InputError) {
            try Names.validateApp(app)
            try Names.validateVersion(version, app: app)
            let image = try imageReference()
            _ = try ManifestSet(directory: templates, app: app, version: version, namespace: namespace, replicas: replicas, settings: templateValues)
                .validate(image: image.description)
        }
    }

    /// How to build the image for a deploy.
    public struct BuildOptions: Sendable {
        public var builder: ImageBuilder.Tool
        public var dockerfile: String
        public var context: String

        public init(builder: ImageBuilder.Tool = .docker, dockerfile: String = "Dockerfile", context: String = ".") {
            self.builder = builder
            self.dockerfile = dockerfile
            self.context = context
        }
    }

    /// Deploys a version beside the live one and, once it is ready (and verified), switches the
    /// Service to it.
    public func deploy(_ options: DeployOptions, progress: @escaping @Sendable (EngineProgress) -> Void = { _ in }) async -> Result<DeployResult, DeployFailure> {
        do {
            let image = try options.imageReference()
            let manifests = try ManifestSet(
                directory: options.templates, app: options.app, version: options.version, namespace: namespace, replicas: options.replicas,
                settings: options.templateValues)
            let podRequests = try manifests.validate(image: image.description)
            let credentials = RegistryCredentials(mode: options.registryAuth, aws: settings.aws, logger: settings.logger)
            if let build = options.build, !options.dryRun {
                try await buildAndPush(image, version: options.version, build: build, insecure: options.registryEndpoint?.scheme == "http", credentials: credentials, progress: progress)
            }
            let registry = RegistryClient(endpoint: options.registryEndpoint, credentials: { _ in try await credentials.credentials(for: image) }, logger: settings.logger)
            let verifier = Verifier(command: options.verifyCommand ?? "true", timeout: options.verifyTimeout)
            let request = DeployRequest(
                app: options.app, version: options.version, namespace: namespace, image: image, replicas: options.replicas, capacity: options.capacity,
                imageCheck: options.imageCheck, podRequests: podRequests, verify: options.verifyCommand != nil, preview: manifests.hasPreview,
                switchTraffic: options.switchTraffic, dryRun: options.dryRun, actor: settings.actor, keepFailed: options.keepFailed)
            let engine = DeployEngine(
                dependencies: .init(
                    cluster: KubeBlueGreenCluster(client: client, namespace: namespace, manifests: manifests, fastFail: settings.fastFail),
                    resolveImage: { image in try await registry.resolve(image).digest },
                    verify: { context in try await verifier.run(context) }),
                options: .init(identity: settings.identity, lockWait: settings.lockWait, lockDuration: settings.lockDuration, timeout: options.timeout),
                logger: settings.logger)
            return await engine.run(request, progress: progress)
        } catch {
            return .failure(DeployFailure(classifying: error))
        }
    }

    private func buildAndPush(
        _ image: ImageReference, version: String, build: BuildOptions, insecure: Bool, credentials: RegistryCredentials,
        progress: @Sendable (EngineProgress) -> Void
    ) async throws {
        let builder = ImageBuilder(tool: build.builder, logger: settings.logger)
        let options = ImageBuilder.Options(dockerfile: build.dockerfile, context: build.context, buildArguments: ["APP_VERSION": version], insecureRegistry: insecure)
        progress(.step("building \(image) with \(build.builder)"))
        try await builder.build(image, options: options)
        if let login = try await credentials.credentials(for: image) {
            progress(.step("logging in to \(image.registry) as \(login.username)"))
            try await builder.login(registry: image.registry, credentials: login, options: options)
        }
        progress(.step("pushing \(image)"))
        try await builder.push(image, options: options)
    }

    // MARK: - Route and purge

    /// The app's versions, newest first, and which one is active.
    public func versions(app: String) async -> Result<VersionListing, DeployFailure> {
        await routeEngine.list(app: app)
    }

    /// Switches the Service to a ready version, or back to the previous one.
    public func route(app: String, to target: RouteEngine.Target, dryRun: Bool = false) async -> Result<RouteEngine.Outcome, DeployFailure> {
        await routeEngine.route(app: app, to: target, actor: settings.actor, dryRun: dryRun)
    }

    /// Deletes the versions the Service does not select, keeping the newest `keep` ready ones.
    public func purge(app: String, keep: Int = 0, dryRun: Bool = false, progress: @escaping @Sendable (String) -> Void = { _ in }) async -> Result<PurgeEngine.Outcome, DeployFailure> {
        await PurgeEngine(cluster: KubeBlueGreenCluster(client: client, namespace: namespace), options: engineOptions, logger: settings.logger)
            .purge(app: app, keep: keep, dryRun: dryRun, progress: progress)
    }

    private var routeEngine: RouteEngine {
        RouteEngine(cluster: KubeBlueGreenCluster(client: client, namespace: namespace), options: engineOptions, logger: settings.logger)
    }

    private var engineOptions: DeployEngine.Options {
        DeployEngine.Options(identity: settings.identity, lockWait: settings.lockWait, lockDuration: settings.lockDuration)
    }
}
