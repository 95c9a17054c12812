import ArgumentParser
import BlueGreen
import Foundation
import KubeKit
import Logging
import ToolSupport

/// The main pipeline: start a new version beside the live one and switch the Service to it.
struct BluegreenDeploy: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bluegreen-deploy",
        abstract: "Deploy a new version beside the live one, wait until it is ready, then switch the Service to it.",
        discussion: """
            Steps: validate the inputs, take the app's lock (a Lease), check the image exists in its registry, check the \
            cluster has room, create Deployment <app>-<version> from the templates, wait for its rollout (failing fast on \
            stuck pods), run the optional verification, switch Service <app> to it in one guarded patch, record the switch \
            in the Service's annotations and an Event, release the lock. The old version keeps running for rollback \
            (bluegreen-route --rollback). Until the switch, a failure leaves traffic exactly where it was; running the same \
            command again after a failure resumes where it makes sense.

            Examples:
              bluegreen-deploy --app web --version 42 --image 1234.dkr.ecr.eu-west-1.amazonaws.com/web --eks-cluster prod
              bluegreen-deploy --app web --version 42 --image registry.example.com/web --context staging --dry-run

            \(ExitStatus.helpText)
            """)

    @OptionGroup(title: "Cluster") var connection: ConnectionOptions
    @OptionGroup(title: "Output") var output: OutputOptions
    @OptionGroup(title: "Lock") var lock: LockOptions

    @Option(help: ArgumentHelp("The application (a DNS-1123 label; names the Service and the Deployments).", valueName: "name"))
    var app: String

    @Option(help: ArgumentHelp("The version to deploy (a DNS-1123 label, such as the CI build number).", valueName: "version"))
    var version: String

    @Option(help: ArgumentHelp("The image repository (registry/repo, tagged with the version), or a full repo:tag or repo@sha256:… reference.", valueName: "ref"))
    var image: String

    @Option(help: "Replicas of the new version.")
    var replicas = 2

    @Option(help: ArgumentHelp("The manifest templates' directory (deployment.yaml, service.yaml, optional preview-service.yaml).", valueName: "dir"))
    var templates = "deployment_config"

    @Option(name: .customLong("set"), help: ArgumentHelp("An extra template value, for a ${KEY} placeholder (repeatable).", valueName: "KEY=VALUE"))
    var settings: [String] = []

    @Option(help: "Capacity check: nodes (live versions must stay below Ready, schedulable nodes), resources (the new pods' requests must fit), or none.")
    var capacityPolicy: CapacityPolicy = .nodes

    @Option(help: ArgumentHelp("Refuse when the app already has this many live versions.", valueName: "n"))
    var maxVersions: Int?

    @Option(help: ArgumentHelp("Overall time limit; the rollout gets what is left.", valueName: "duration"))
    var timeout = DurationArgument(.seconds(600))

    @Flag(help: "Do not look the image up in its registry (for registries the pipeline cannot reach).")
    var skipImageCheck = false

    @Flag(help: "Resolve the tag to its digest and deploy repo@sha256:… (immune to the tag being moved).")
    var pinDigest = false

    @Option(help: ArgumentHelp("The registry API's address, when it is not https://<registry host> (VPC endpoints, pull-through caches).", valueName: "url"))
    var registryEndpoint: String?

    @Option(help: "Registry credentials: auto (ECR token for ECR registries, else Docker's config), ecr, docker or none.")
    var registryAuth: RegistryAuth = .auto

    @Flag(help: "Build the image from the Dockerfile and push it before deploying.")
    var build = false

    @Option(help: ArgumentHelp("The image builder for --build: docker, podman, buildah, or a path to a program with docker's command line.", valueName: "builder"))
    var builder = "docker"

    @Option(help: ArgumentHelp("The Dockerfile for --build.", valueName: "path"))
    var dockerfile = "Dockerfile"

    @Option(help: ArgumentHelp("The build context directory for --build.", valueName: "dir"))
    var buildContext = "."

    @Option(help: ArgumentHelp("A shell command run before the switch, with BLUEGREEN_APP, _VERSION, _NAMESPACE, _DEPLOYMENT, _SERVICE, _PREVIEW_SERVICE and _POD_IPS set; a non-zero exit stops the deploy (exit 4).", valueName: "command"))
    var verifyCommand: String?

    @Option(help: ArgumentHelp("Time limit for the verification command.", valueName: "duration"))
    var verifyTimeout = DurationArgument(.seconds(300))

    @Option(help: ArgumentHelp("How long a new pod may be stuck (ImagePullBackOff, CrashLoopBackOff, CreateContainerConfigError, Unschedulable) before the deploy fails; default 30s (60s for Unschedulable).", valueName: "duration"))
    var stuckPodGrace: DurationArgument?

    @Flag(help: "Keep the new Deployment when its rollout or verification fails (default: delete it, leaving the cluster as it was).")
    var keepFailed = false

    @Flag(help: "Stop once the new version is ready; leave the Service alone (switch later with bluegreen-route --to).")
    var noSwitch = false

    @Flag(help: "Print the plan and change nothing.")
    var dryRun = false

    func validate() throws {
        guard (1...1000).contains(replicas) else { throw ValidationError("--replicas must be between 1 and 1000") }
        if let maxVersions, maxVersions < 1 { throw ValidationError("--max-versions must be at least 1") }
        if skipImageCheck && pinDigest { throw ValidationError("--pin-digest needs the registry; it cannot be combined with --skip-image-check") }
        if let registryEndpoint, URL(string: registryEndpoint)?.host == nil {
            throw ValidationError("--registry-endpoint '\(registryEndpoint)' is not a URL (for example https://vpce-123.api.ecr.eu-west-1.vpce.amazonaws.com)")
        }
        guard timeout.duration > .zero else { throw ValidationError("--timeout must be positive") }
        for setting in settings {
            do {
                _ = try TemplateRenderer.parseSetting(setting)
            } catch {
                throw ValidationError(error.message)
            }
        }
    }

    func run() async throws {
        let reporter = Reporter(format: output.format, verbose: output.verbose)
        let logger = ToolLogging.logger(label: "bluegreen-deploy", verbose: output.verbose)
        let outcome = await SignalHandling.result { try await self.deploy(reporter: reporter, logger: logger) }
        switch outcome {
        case .success(let result):
            reporter.result(text: Self.text(result), json: DeployDocument(result))
        case .failure(let failure):
            reporter.failure(failure.message, kind: failure.kind.name, exitCode: failure.exitCode, details: failure.details)
            throw ToolExit(failure.exitCode)
        }
    }

    private func deploy(reporter: Reporter, logger: Logger) async throws -> DeployResult {
        var values: [String: String] = [:]
        for setting in settings {
            let (key, value) = try TemplateRenderer.parseSetting(setting)
            values[key] = value
        }
        let options = BlueGreenPipeline.DeployOptions(
            app: app, version: version, image: image, replicas: replicas, templates: templates, templateValues: values,
            capacity: CapacityCheck(policy: capacityPolicy, maxVersions: maxVersions),
            imageCheck: skipImageCheck ? .skip : (pinDigest ? .pinDigest : .verify), registryEndpoint: registryEndpoint.flatMap(URL.init(string:)),
            registryAuth: registryAuth,
            build: build ? .init(builder: .init(parsing: builder), dockerfile: dockerfile, context: buildContext) : nil,
            verifyCommand: verifyCommand, verifyTimeout: verifyTimeout.duration, switchTraffic: !noSwitch, dryRun: dryRun, keepFailed: keepFailed,
            timeout: timeout.duration)
        // Everything that needs no network is checked before connecting.
        try options.validate(namespace: connection.namespace ?? "default")
        let pipeline = try await connection.connect(lock, fastFail: fastFailPolicy, logger: logger)
        reporter.detail("connected to \(pipeline.summary), namespace \(pipeline.namespace)")
        let deployment = Names.deployment(app: app, version: version)
        return try await pipeline.using { pipeline in
            await pipeline.deploy(options) { progress in
                switch progress {
                case .step(let message): reporter.step(message)
                case .rollout(let rollout): reporter.update("\(deployment): \(rollout.available)/\(rollout.desired) available, \(rollout.updated) updated")
                }
            }
        }.get()
    }

    private var fastFailPolicy: FastFailPolicy {
        guard let grace = stuckPodGrace?.duration else { return .standard }
        return FastFailPolicy(gracePeriods: FastFailPolicy.standard.gracePeriods.mapValues { _ in grace })
    }

    static func text(_ result: DeployResult) -> String {
        let summary: String
        switch result.status {
        case .switched: summary = "\(result.app) \(result.version) is live: Service \(result.app) switched from \(result.previousVersion ?? "none") to \(result.version)"
        case .ready: summary = "\(result.app) \(result.version) is ready; Service \(result.app) still selects \(result.activeVersion ?? "none") (--no-switch)"
        case .unchanged: summary = "\(result.app) \(result.version) was already live; nothing changed"
        case .planned: summary = "plan for \(result.app) \(result.version) (dry run, nothing changed):\n" + result.plan.map { "  - \($0)" }.joined(separator: "\n")
        }
        return summary + "\n  image: \(result.image)\n  namespace: \(result.namespace)"
    }
}

/// The JSON result of a deploy.
struct DeployDocument: Encodable {
    var status: String
    var app: String
    var version: String
    var namespace: String
    var image: String
    var previousVersion: String?
    var activeVersion: String?
    var steps: [String]

    init(_ result: DeployResult) {
        status = result.status.rawValue
        app = result.app
        version = result.version
        namespace = result.namespace
        image = result.image
        previousVersion = result.previousVersion
        activeVersion = result.activeVersion
        steps = result.plan
    }
}

await ToolMain.run(BluegreenDeploy.self)
