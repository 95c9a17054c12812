import Foundation
import Logging
import SDKCore

/// Builds the app's image from its Dockerfile, logs in to the registry and pushes, with the
/// builder the pipeline has: docker, podman, buildah, or any program with docker's command line.
///
/// The registry password goes to the builder's standard input (`login --password-stdin`), never
/// into its arguments, the environment or a log line.
public struct ImageBuilder: Sendable {
    /// Which program builds.
    public enum Tool: Sendable, Equatable, CustomStringConvertible {
        case docker
        case podman
        /// Daemonless; honours `STORAGE_DRIVER` and `BUILDAH_ISOLATION` from the environment
        /// (e.g. `vfs` and `chroot` in unprivileged CI containers).
        case buildah
        /// A program with docker's `build`/`login`/`push` command line.
        case custom(path: String)

        /// `docker`, `podman`, `buildah` or a path.
        public init(parsing text: String) {
            switch text {
            case "docker": self = .docker
            case "podman": self = .podman
            case "buildah": self = .buildah
            default: self = .custom(path: text)
            }
        }

        public var executable: String {
            switch self {
            case .docker: "docker"
            case .podman: "podman"
            case .buildah: "buildah"
            case .custom(let path): path
            }
        }

        public var description: String { executable }
    }

    /// Where and how to build.
    public struct Options: Sendable, Equatable {
        public var dockerfile: String
        public var context: String
        /// `--build-arg` values (the engine passes `APP_VERSION`).
        public var buildArguments: [String: String]
        /// Talk plain HTTP / skip TLS verification to the registry (podman, buildah only; docker
        /// takes this from its daemon's `insecure-registries`).
        public var insecureRegistry: Bool

        public init(dockerfile: String = "Dockerfile", context: String = ".", buildArguments: [String: String] = [:], insecureRegistry: Bool = false) {
            self.dockerfile = dockerfile
            self.context = context
            self.buildArguments = buildArguments
            self.insecureRegistry = insecureRegistry
        }
    }

    public var tool: Tool
    private let runner: ProcessRunner
    private let logger: Logger

    public init(tool: Tool, runner: ProcessRunner = ProcessRunner(), logger: Logger = Logger(label: "bluegreen.build", factory: { _ in SwiftLogNoOpLogHandler() })) {
        self.tool = tool
        self.runner = runner
        self.logger = logger
    }

    /// Builds `image` (tagged as given) from the Dockerfile.
    public func build(_ image: ImageReference, options: Options) async throws {
        try await run(buildCommand(image, options: options), step: "build \(image)")
    }

    /// Logs in to `registry` with the password on standard input.
    public func login(registry: String, credentials: RegistryClient.Credentials, options: Options) async throws {
        try await run(loginCommand(registry: registry, credentials: credentials, options: options), step: "log in to \(registry)")
    }

    /// Pushes `image`.
    public func push(_ image: ImageReference, options: Options) async throws {
        try await run(pushCommand(image, options: options), step: "push \(image)")
    }

    // MARK: - Command lines

    func buildCommand(_ image: ImageReference, options: Options) -> ProcessRunner.Command {
        var arguments = ["build", "--tag", image.description, "--file", options.dockerfile]
        for (key, value) in options.buildArguments.sorted(by: { $0.key < $1.key }) {
            arguments += ["--build-arg", "\(key)=\(value)"]
        }
        arguments.append(options.context)
        return command(arguments)
    }

    func loginCommand(registry: String, credentials: RegistryClient.Credentials, options: Options) -> ProcessRunner.Command {
        var arguments = ["login", "--username", credentials.username, "--password-stdin"]
        arguments += tlsArguments(options)
        arguments.append(registry)
        var command = command(arguments)
        command.standardInput = Array(credentials.password.value.utf8)
        return command
    }

    func pushCommand(_ image: ImageReference, options: Options) -> ProcessRunner.Command {
        command(["push"] + tlsArguments(options) + [image.description])
    }

    private func tlsArguments(_ options: Options) -> [String] {
        switch tool {
        case .podman, .buildah: options.insecureRegistry ? ["--tls-verify=false"] : []
        case .docker, .custom: []
        }
    }

    private func command(_ arguments: [String]) -> ProcessRunner.Command {
        ProcessRunner.Command(tool.executable, arguments: arguments, forwardStandardOutputToStandardError: true)
    }

    private func run(_ command: ProcessRunner.Command, step: String) async throws {
        logger.info("running the image builder", metadata: ["step": "\(step)", "builder": "\(tool)"])
        let outcome: ProcessRunner.Outcome
        do {
            outcome = try await runner.run(command)
        } catch let error as ProcessRunner.LaunchError {
            throw BuildError(
                step: step,
                message: "cannot run the builder '\(tool)': \(error.reason); install it, or choose another with --builder docker|podman|buildah|PATH")
        }
        guard outcome.succeeded else {
            let detail = outcome.standardErrorText.split(separator: "\n").suffix(5).joined(separator: "\n")
            throw BuildError(step: step, message: "\(tool) failed to \(step) (exit code \(outcome.exitCode))" + (detail.isEmpty ? "" : ":\n\(detail)"))
        }
    }
}

/// A build, login or push that failed.
public struct BuildError: Error, Sendable, CustomStringConvertible {
    public var step: String
    public var message: String
    public var description: String { message }
}
