import Foundation
import Logging
import SDKCore

/// Runs a deploy: drives ``DeployStateMachine`` by performing its actions against a
/// ``BlueGreenCluster``, a registry and a verification command. Every decision is the state
/// machine's; this loop only does I/O and reports progress.
public struct DeployEngine: Sendable {
    /// Everything that talks to the outside world, injected.
    public struct Dependencies: Sendable {
        public var cluster: any BlueGreenCluster
        /// Looks the image up; returns its digest (or `nil` if the registry gave none). Throws
        /// ``RegistryError`` with `.notFound` for a missing tag.
        public var resolveImage: @Sendable (ImageReference) async throws -> String?
        /// Runs the verification command for a version whose pods have these addresses.
        public var verify: @Sendable (VerificationContext) async throws -> VerificationOutcome
        public var now: @Sendable () -> Date
        public var sleep: @Sendable (Duration) async throws -> Void

        public init(
            cluster: any BlueGreenCluster,
            resolveImage: @escaping @Sendable (ImageReference) async throws -> String?,
            verify: @escaping @Sendable (VerificationContext) async throws -> VerificationOutcome = { _ in .init(exitCode: 0, output: "") },
            now: @escaping @Sendable () -> Date = { Date() },
            sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
        ) {
            self.cluster = cluster
            self.resolveImage = resolveImage
            self.verify = verify
            self.now = now
            self.sleep = sleep
        }
    }

    /// Lock and time settings.
    public struct Options: Sendable {
        /// Who holds the lock (unique per run).
        public var identity: String
        /// How long to wait for another pipeline's lock.
        public var lockWait: Duration
        /// How long a claim lasts without renewal.
        public var lockDuration: Duration
        /// The whole deploy's time limit (the rollout gets what is left of it).
        public var timeout: Duration

        public init(identity: String, lockWait: Duration = .zero, lockDuration: Duration = .seconds(30), timeout: Duration = .seconds(600)) {
            self.identity = identity
            self.lockWait = lockWait
            self.lockDuration = lockDuration
            self.timeout = timeout
        }
    }

    public var dependencies: Dependencies
    public var options: Options
    public var logger: Logger

    public init(dependencies: Dependencies, options: Options, logger: Logger = Logger(label: "bluegreen.deploy", factory: { _ in SwiftLogNoOpLogHandler() })) {
        self.dependencies = dependencies
        self.options = options
        self.logger = logger
    }

    /// Deploys; `progress` hears about each step as it happens.
    public func run(_ request: DeployRequest, progress: @escaping @Sendable (EngineProgress) -> Void = { _ in }) async -> Result<DeployResult, DeployFailure> {
        let lock = LeaseLock(
            cluster: dependencies.cluster, app: request.app, identity: options.identity, operation: "deploy \(request.version)",
            duration: options.lockDuration, now: dependencies.now, sleep: dependencies.sleep, logger: logger)
        let started = dependencies.now()
        var machine = DeployStateMachine(request: request, now: dependencies.now)
        var action = machine.start()
        while true {
            logger.debug("deploy action", metadata: ["action": "\(action)"])
            if case .finish(let result) = action { return result }
            let event = await perform(action, request: request, lock: lock, started: started, progress: progress)
            action = machine.handle(event)
        }
    }

    /// Performs one action and says what happened; errors become `stepFailed`.
    private func perform(
        _ action: DeployStateMachine.Action, request: DeployRequest, lock: LeaseLock, started: Date,
        progress: @escaping @Sendable (EngineProgress) -> Void
    ) async -> DeployStateMachine.Event {
        let cluster = dependencies.cluster
        do {
            switch action {
            case .finish:
                preconditionFailure("finish is handled by the loop")

            case .acquireLock:
                progress(.step("taking the lock \(Names.lease(app: request.app))"))
                switch try await lock.acquire(wait: options.lockWait) {
                case .acquired(let takeover): return .lockAcquired(takeover: takeover)
                case .busy(let holder, let operation, let until): return .lockBusy(holder: holder, operation: operation, until: until)
                }

            case .resolveImage(let image):
                progress(.step("checking the image \(image)"))
                do {
                    return .imageResolved(digest: try await dependencies.resolveImage(image))
                } catch let error as RegistryError where error.code == .notFound {
                    return .imageMissing(error.message)
                }

            case .observe:
                return .observed(try await cluster.observe(app: request.app, nodes: request.capacity.nodeDetail))

            case .createDeployment(let image):
                progress(.step("creating Deployment \(request.deploymentName)"))
                do {
                    try await cluster.createDeployment(app: request.app, version: request.version, image: image, replicas: request.replicas)
                    return .deploymentCreated
                } catch let error as ClusterError where error.code == .alreadyExists {
                    return .deploymentAlreadyExists
                }

            case .awaitRollout(let deployment):
                progress(.step("waiting for \(deployment) to become ready"))
                let remaining = options.timeout - .milliseconds(Int64(dependencies.now().timeIntervalSince(started) * 1000))
                let result = try await cluster.awaitRollout(app: request.app, version: request.version, timeout: max(remaining, .seconds(1))) {
                    progress(.rollout($0))
                }
                switch result {
                case .ready: return .rolloutSucceeded
                case .failed(let message, let details): return .rolloutFailed(message, details: details)
                case .timedOut(let state): return .rolloutTimedOut(after: options.timeout, progress: state)
                }

            case .removeFailedDeployment(let deployment):
                progress(.step("deleting the failed Deployment \(deployment)"))
                try await cluster.removeDeployment(app: request.app, version: request.version)
                return .failedDeploymentRemoved

            case .pointPreview(let version):
                progress(.step("pointing \(Names.previewService(app: request.app)) at \(version)"))
                try await cluster.pointPreview(app: request.app, version: version)
                return .previewPointed

            case .verify(let version):
                progress(.step("verifying \(version)"))
                let addresses = try await cluster.podAddresses(app: request.app, version: version)
                let context = VerificationContext(
                    app: request.app, version: version, namespace: request.namespace, deployment: request.deploymentName,
                    service: request.serviceName, previewService: request.preview ? Names.previewService(app: request.app) : nil,
                    podAddresses: addresses)
                let outcome = try await dependencies.verify(context)
                return outcome.exitCode == 0 ? .verificationPassed : .verificationFailed(exitCode: outcome.exitCode, output: outcome.output)

            case .createService(let version, let history):
                progress(.step("creating Service \(request.serviceName) for \(version)"))
                guard await lock.isHeld else { return .stepFailed(Self.lockLost(request)) }
                do {
                    try await cluster.createService(app: request.app, version: version, annotations: history.annotations)
                    return .serviceCreated
                } catch let error as ClusterError where error.code == .alreadyExists {
                    return .switchConflict
                } catch where Self.outcomeUnknown(error) {
                    return .switchOutcomeUnknown(Self.failure(from: error))
                }

            case .switchService(let to, let from, let resourceVersion, let history):
                progress(.step("switching Service \(request.serviceName) from \(from ?? "none") to \(to)"))
                guard await lock.isHeld else { return .stepFailed(Self.lockLost(request)) }
                do {
                    try await cluster.switchService(app: request.app, version: to, resourceVersion: resourceVersion, annotations: history.annotations)
                    return .serviceSwitched
                } catch let error as ClusterError where error.code == .conflict || error.code == .notFound {
                    // Changed (or deleted) since it was observed, before the rollout wait: observe
                    // it again and decide anew.
                    return .switchConflict
                } catch where Self.outcomeUnknown(error) {
                    return .switchOutcomeUnknown(Self.failure(from: error))
                }

            case .recordEvent(let from, let to):
                let message = "switched \(request.serviceName) from \(from ?? "none") to \(to) (\(request.image))"
                try await cluster.recordEvent(app: request.app, reason: "Switched", message: message, warning: false)
                return .eventRecorded

            case .releaseLock:
                // Release even when the run was cancelled (Ctrl-C, an aborted CI job): in a task
                // of its own, which does not inherit the cancellation.
                try await Task { try await lock.release() }.value
                return .lockReleased
            }
        } catch {
            logger.debug("step failed", metadata: ["error": "\(error)"])
            return .stepFailed(Self.failure(from: error))
        }
    }

    static func lockLost(_ request: DeployRequest) -> DeployFailure { lockLost(app: request.app) }

    /// Whether a write that failed this way may still have been applied: no answer (a dropped
    /// connection, a timeout) or a server error.
    static func outcomeUnknown(_ error: any Error) -> Bool {
        if let error = error as? TransportError { return error.kind == .connection || error.kind == .timeout }
        if let error = error as? ClusterError { return error.code == .unavailable }
        return false
    }

    static func lockLost(app: String) -> DeployFailure {
        DeployFailure(.locked, "lost the lock \(Names.lease(app: app)) to another pipeline before changing the Service; traffic was not switched")
    }

    /// Classifies an error from a step into a failure with its exit code.
    static func failure(from error: any Error) -> DeployFailure {
        if error is CancellationError { return DeployFailure(.failed, "interrupted; traffic is where it was before the interrupted step") }
        return DeployFailure(classifying: error)
    }
}

/// What the engine reports while it works.
public enum EngineProgress: Sendable, Equatable {
    /// A step begins.
    case step(String)
    /// A rollout advanced.
    case rollout(RolloutProgress)
}

/// What a verification command is told about the new version.
public struct VerificationContext: Sendable, Equatable {
    public var app: String
    public var version: String
    public var namespace: String
    public var deployment: String
    public var service: String
    public var previewService: String?
    public var podAddresses: [String]

    /// The `BLUEGREEN_*` environment variables the command runs with.
    public var environment: [String: String] {
        var environment = [
            "BLUEGREEN_APP": app, "BLUEGREEN_VERSION": version, "BLUEGREEN_NAMESPACE": namespace,
            "BLUEGREEN_DEPLOYMENT": deployment, "BLUEGREEN_SERVICE": service,
            "BLUEGREEN_POD_IPS": podAddresses.joined(separator: " "),
        ]
        if let previewService { environment["BLUEGREEN_PREVIEW_SERVICE"] = previewService }
        return environment
    }
}

/// How a verification command ended.
public struct VerificationOutcome: Sendable, Equatable {
    public var exitCode: Int32
    public var output: String

    public init(exitCode: Int32, output: String) {
        self.exitCode = exitCode
        self.output = output
    }
}
