import Foundation

/// The decisions of a deploy, without any I/O.
///
/// `plan → lock → image → capacity → apply → (preview) → await ready → (verify) → switch → record → unlock`
///
/// The driver calls ``start()``, performs the returned ``Action``, and reports what happened
/// through the matching event method, which returns the next action, until ``Action/finish(_:)``.
/// Every run reads what it depends on before it writes, so a deploy that died half-way can be run
/// again and ends where an uninterrupted one would: an existing Deployment with the same image is
/// reused, a Service that already selects the version is left alone. Until the switch, a failure
/// leaves the Service untouched.
///
/// Once the rollout is ready the switch is the only request: it is guarded by the resourceVersion
/// of the Service as observed before the rollout wait, so a Service that changed in between
/// answers 409 Conflict, and only then is the cluster observed again and the switch decided anew.
public struct DeployStateMachine: Sendable {
    /// What the driver must do next.
    public enum Action: Sendable, Equatable {
        /// Take (or take over) the Lease `<app>-bluegreen`, and keep renewing it until released.
        case acquireLock
        /// Look the image up in its registry; report ``DeployStateMachine/imageResolved(digest:)``.
        case resolveImage(ImageReference)
        /// Read the app's versions, Service and nodes; report ``DeployStateMachine/observed(_:)``.
        case observe
        /// Create Deployment `<app>-<version>` from the template with this image.
        case createDeployment(image: String)
        /// Wait until the Deployment's rollout is complete, failing fast on stuck pods.
        case awaitRollout(deployment: String)
        /// Point the preview Service at the new version (creating it if needed), before the
        /// rollout wait: only ready pods receive its traffic, and it is not the live Service.
        case pointPreview(version: String)
        /// Run the verification command against the new version.
        case verify(version: String)
        /// First deploy: create the Service from its template, selecting `version`.
        case createService(version: String, history: SwitchHistory)
        /// One patch of the Service: selector version and history annotations, guarded by
        /// `resourceVersion`.
        case switchService(to: String, from: String?, resourceVersion: String, history: SwitchHistory)
        /// Delete the Deployment this run created, whose rollout or verification failed.
        case removeFailedDeployment(deployment: String)
        /// Record a Kubernetes Event on the Service about the switch.
        case recordEvent(from: String?, to: String)
        /// Release the Lease.
        case releaseLock
        /// Done: report the result (or failure) to the caller.
        case finish(Result<DeployResult, DeployFailure>)
    }

    /// What happened when the driver performed an action.
    public enum Event: Sendable, Equatable {
        case lockAcquired(takeover: Bool)
        case lockBusy(holder: String, operation: String?, until: Date)
        case imageResolved(digest: String?)
        case imageMissing(String)
        case observed(ClusterSnapshot)
        case deploymentCreated
        case deploymentAlreadyExists
        case rolloutSucceeded
        case failedDeploymentRemoved
        case rolloutFailed(String, details: [String])
        case rolloutTimedOut(after: Duration, progress: String)
        case previewPointed
        case verificationPassed
        case verificationFailed(exitCode: Int32, output: String)
        case serviceCreated
        case serviceSwitched
        case switchConflict
        /// The create or patch of the Service got no answer (a dropped connection, a 5xx): it may
        /// or may not have been applied.
        case switchOutcomeUnknown(DeployFailure)
        case eventRecorded
        case lockReleased
        case stepFailed(DeployFailure)
    }

    /// Feeds one event; returns the next action.
    public mutating func handle(_ event: Event) -> Action {
        switch event {
        case .lockAcquired(let takeover): lockAcquired(takeover: takeover)
        case .lockBusy(let holder, let operation, let until): lockBusy(holder: holder, operation: operation, until: until)
        case .imageResolved(let digest): imageResolved(digest: digest)
        case .imageMissing(let message): imageMissing(message)
        case .observed(let snapshot): observed(snapshot)
        case .deploymentCreated: deploymentCreated()
        case .deploymentAlreadyExists: deploymentAlreadyExists()
        case .rolloutSucceeded: rolloutSucceeded()
        case .failedDeploymentRemoved: failedDeploymentRemoved()
        case .rolloutFailed(let message, let details): rolloutFailed(message, details: details)
        case .rolloutTimedOut(let duration, let progress): rolloutTimedOut(after: duration, progress: progress)
        case .previewPointed: previewPointed()
        case .verificationPassed: verificationPassed()
        case .verificationFailed(let code, let output): verificationFailed(exitCode: code, output: output)
        case .serviceCreated: serviceCreated()
        case .serviceSwitched: serviceSwitched()
        case .switchConflict: switchConflict()
        case .switchOutcomeUnknown(let failure): switchOutcomeUnknown(failure)
        case .eventRecorded: eventRecorded()
        case .lockReleased: lockReleased()
        case .stepFailed(let failure): stepFailed(failure)
        }
    }

    private enum State: Sendable, Equatable {
        case idle
        case locking
        case resolvingImage
        case observingForApply
        case applying
        case awaitingRollout
        case previewing
        case verifying
        case observingForSwitch(attempt: Int)
        case switching(attempt: Int, from: String?)
        case recording(from: String?)
        case removingFailed(DeployFailure)
        case releasing(Result<DeployResult, DeployFailure>)
        case finished
    }

    /// How many times a switch is retried after losing a resourceVersion race.
    public static let switchAttempts = 3

    public let request: DeployRequest
    private var state: State = .idle
    private var holdsLock = false
    /// Whether this run created the Deployment (and so may remove it when it fails).
    private var createdDeployment = false
    /// The image the Deployment runs: the request's, or pinned to its digest.
    private var image: ImageReference
    private var plan: [String] = []
    private var previousVersion: String?
    private var status: DeployResult.Status = .switched
    /// The switch last sent to the Service, to recognise it if its answer is lost.
    private var pendingSwitch: SwitchHistory.Entry?
    /// The Service as observed when the apply was decided (`nil` inside when there was none):
    /// the basis of the first switch attempt, whose resourceVersion guard proves it still current.
    private var serviceBeforeRollout: ServiceState??
    private let now: @Sendable () -> Date

    public init(request: DeployRequest, now: @escaping @Sendable () -> Date = { Date() }) {
        self.request = request
        self.image = request.image
        self.now = now
    }

    // MARK: - Events

    /// Begins: validates the request, then takes the lock (a dry run takes none).
    public mutating func start() -> Action {
        guard state == .idle else { return protocolViolation("start") }
        do {
            try request.validate()
        } catch {
            return finish(.failure(DeployFailure(.invalidInput, error.message)))
        }
        if request.dryRun {
            note("dry run: no lock taken, nothing changed")
            return afterLock()
        }
        state = .locking
        return .acquireLock
    }

    public mutating func lockAcquired(takeover: Bool = false) -> Action {
        guard state == .locking else { return protocolViolation("lockAcquired") }
        holdsLock = true
        note(takeover ? "took over the expired lock \(Names.lease(app: request.app))" : "took the lock \(Names.lease(app: request.app))")
        return afterLock()
    }

    public mutating func lockBusy(holder: String, operation: String?, until: Date) -> Action {
        guard state == .locking else { return protocolViolation("lockBusy") }
        let what = operation.map { " (\($0))" } ?? ""
        let seconds = max(0, Int(until.timeIntervalSince(now()).rounded(.up)))
        return finish(
            .failure(
                DeployFailure(
                    .locked,
                    "\(Names.lease(app: request.app)) is held by \(holder)\(what) for another \(seconds)s; wait for that pipeline to finish, or pass --lock-wait to wait for it"
                )))
    }

    /// The registry answered: the tag exists (with this digest, when the registry gave one).
    public mutating func imageResolved(digest: String?) -> Action {
        guard state == .resolvingImage else { return protocolViolation("imageResolved") }
        if request.imageCheck == .pinDigest {
            guard let digest else {
                return fail(DeployFailure(.failed, "the registry did not report a digest for \(request.image); deploy without --pin-digest"))
            }
            image = request.image.pinned(to: digest)
            note("image \(request.image) resolved to \(digest)")
        } else {
            note("image \(request.image) exists" + (digest.map { " (\($0))" } ?? ""))
        }
        state = .observingForApply
        return .observe
    }

    /// The registry has no such tag (or repository).
    public mutating func imageMissing(_ message: String) -> Action {
        guard state == .resolvingImage else { return protocolViolation("imageMissing") }
        return fail(DeployFailure(.invalidInput, message))
    }

    /// What the cluster looks like now.
    public mutating func observed(_ snapshot: ClusterSnapshot) -> Action {
        switch state {
        case .observingForApply:
            return decideApply(snapshot)
        case .observingForSwitch(let attempt):
            return decideSwitch(snapshot.service, attempt: attempt)
        default:
            return protocolViolation("observed")
        }
    }

    public mutating func deploymentCreated() -> Action {
        guard state == .applying else { return protocolViolation("deploymentCreated") }
        note("created Deployment \(request.deploymentName) (\(request.replicas) replica(s), \(image))")
        createdDeployment = true
        return beforeRollout()
    }

    /// Someone created the Deployment between the observation and the create: look again.
    public mutating func deploymentAlreadyExists() -> Action {
        guard state == .applying else { return protocolViolation("deploymentAlreadyExists") }
        state = .observingForApply
        return .observe
    }

    public mutating func rolloutSucceeded() -> Action {
        guard state == .awaitingRollout else { return protocolViolation("rolloutSucceeded") }
        note("\(request.deploymentName) is ready")
        return afterReady()
    }

    /// The rollout failed (stuck pods, progress deadline) or the Deployment vanished.
    public mutating func rolloutFailed(_ message: String, details: [String] = []) -> Action {
        guard state == .awaitingRollout else { return protocolViolation("rolloutFailed") }
        return failVersion(DeployFailure(.notReady, "\(request.deploymentName) did not become ready: \(message); traffic was not switched", details: details))
    }

    public mutating func rolloutTimedOut(after duration: Duration, progress: String) -> Action {
        guard state == .awaitingRollout else { return protocolViolation("rolloutTimedOut") }
        return failVersion(
            DeployFailure(
                .notReady,
                "\(request.deploymentName) was not ready after \(Self.format(duration)) (\(progress)); traffic was not switched. Raise --timeout, or look at the pods: kubectl -n \(request.namespace) describe deployment \(request.deploymentName)"
            ))
    }

    /// The failed Deployment is gone.
    public mutating func failedDeploymentRemoved() -> Action {
        guard case .removingFailed(let failure) = state else { return protocolViolation("failedDeploymentRemoved") }
        note("deleted the failed Deployment \(request.deploymentName) (--keep-failed keeps it)")
        return fail(failure)
    }

    public mutating func previewPointed() -> Action {
        guard state == .previewing else { return protocolViolation("previewPointed") }
        note("preview Service \(Names.previewService(app: request.app)) selects \(request.version)")
        return awaitRollout()
    }

    public mutating func verificationPassed() -> Action {
        guard state == .verifying else { return protocolViolation("verificationPassed") }
        note("verification passed")
        return afterVerify()
    }

    public mutating func verificationFailed(exitCode: Int32, output: String) -> Action {
        guard state == .verifying else { return protocolViolation("verificationFailed") }
        let tail = output.split(separator: "\n").suffix(5).map(String.init)
        return failVersion(DeployFailure(.notReady, "verification of \(request.version) failed with exit code \(exitCode); traffic was not switched", details: tail))
    }

    public mutating func serviceCreated() -> Action {
        guard case .switching(_, let from) = state, from == nil else { return protocolViolation("serviceCreated") }
        note("created Service \(request.serviceName) selecting \(request.version)")
        state = .recording(from: nil)
        return .recordEvent(from: nil, to: request.version)
    }

    public mutating func serviceSwitched() -> Action {
        guard case .switching(_, let from) = state else { return protocolViolation("serviceSwitched") }
        note("switched Service \(request.serviceName) from \(from ?? "none") to \(request.version)")
        state = .recording(from: from)
        return .recordEvent(from: from, to: request.version)
    }

    /// The Service changed since it was read (409), or appeared since (create found it existing).
    public mutating func switchConflict() -> Action {
        guard case .switching(let attempt, _) = state else { return protocolViolation("switchConflict") }
        guard attempt < Self.switchAttempts else {
            return fail(
                DeployFailure(
                    .locked,
                    "the Service \(request.serviceName) kept changing while it was being switched (\(attempt) attempts); something outside this pipeline is editing it. The new version \(request.version) is ready; switch with bluegreen-route --to \(request.version)"
                ))
        }
        state = .observingForSwitch(attempt: attempt + 1)
        return .observe
    }

    /// The Service's create or patch may have been applied without us hearing of it: look at
    /// the Service again (our own switch is recognised by its history entry), up to the attempt limit.
    public mutating func switchOutcomeUnknown(_ failure: DeployFailure) -> Action {
        guard case .switching(let attempt, _) = state else { return protocolViolation("switchOutcomeUnknown") }
        guard attempt < Self.switchAttempts else { return fail(failure) }
        state = .observingForSwitch(attempt: attempt + 1)
        return .observe
    }

    /// Events are advisory: a failure to record one does not fail the deploy.
    public mutating func eventRecorded() -> Action {
        guard case .recording = state else { return protocolViolation("eventRecorded") }
        return succeed()
    }

    public mutating func lockReleased() -> Action {
        guard case .releasing(let result) = state else { return protocolViolation("lockReleased") }
        holdsLock = false
        note("released the lock")
        state = .finished
        return .finish(result.map { self.withPlan($0) })
    }

    /// Any step failed for a reason of its own (network, API error, permissions).
    public mutating func stepFailed(_ failure: DeployFailure) -> Action {
        switch state {
        case .idle, .finished:
            return protocolViolation("stepFailed")
        case .releasing(let result):
            // The lock could not be released: it expires by itself; keep the original outcome.
            state = .finished
            note("could not release the lock (it expires by itself): \(failure.message)")
            return .finish(result.map { self.withPlan($0) })
        case .recording:
            note("could not record an Event: \(failure.message)")
            return succeed()
        case .removingFailed(let original):
            note("could not delete the failed Deployment \(request.deploymentName): \(failure.message)")
            return fail(original)
        default:
            return fail(failure)
        }
    }

    // MARK: - Decisions

    private mutating func afterLock() -> Action {
        if request.imageCheck == .skip {
            note("image check skipped for \(request.image)")
            state = .observingForApply
            return .observe
        }
        state = .resolvingImage
        return .resolveImage(request.image)
    }

    private mutating func decideApply(_ snapshot: ClusterSnapshot) -> Action {
        previousVersion = snapshot.activeVersion
        if let existing = snapshot.version(request.version) {
            guard Self.sameImage(existing.image, image) else {
                return fail(
                    DeployFailure(
                        .invalidInput,
                        "version \(request.version) is already deployed with image \(existing.image), not \(image); a version's image never changes. Deploy a new version, or purge \(request.version) first"
                    ))
            }
            note("Deployment \(existing.deploymentName) already runs \(existing.image); not re-applied")
            if request.dryRun { return plannedAfterReady(snapshot, ready: existing.isReady) }
            serviceBeforeRollout = .some(snapshot.service)
            return beforeRollout()
        }
        if let refusal = request.capacity.evaluate(snapshot: snapshot, version: request.version, replicas: request.replicas, podRequests: request.podRequests) {
            return fail(DeployFailure(.noCapacity, refusal.message))
        }
        let nodes = request.capacity.nodeDetail == .none ? "" : ", \(snapshot.nodes.filter(\.usable).count) usable node(s)"
        note("capacity: ok (policy \(request.capacity.policy.rawValue), \(snapshot.versions.count) live version(s)\(nodes))")
        if request.dryRun {
            note("would create Deployment \(request.deploymentName) (\(request.replicas) replica(s), \(image))")
            return plannedAfterReady(snapshot, ready: false)
        }
        serviceBeforeRollout = .some(snapshot.service)
        state = .applying
        return .createDeployment(image: image.description)
    }

    /// The rest of a dry run's plan, once the apply decision is made.
    private mutating func plannedAfterReady(_ snapshot: ClusterSnapshot, ready: Bool) -> Action {
        if !ready { note("would wait for \(request.deploymentName) to become ready") }
        if request.preview { note("would point \(Names.previewService(app: request.app)) at \(request.version)") }
        if request.verify { note("would run the verification command") }
        if !request.switchTraffic {
            status = .planned
            note("would leave the Service alone (--no-switch)")
        } else if snapshot.service == nil {
            note("would create Service \(request.serviceName) selecting \(request.version)")
        } else if snapshot.activeVersion == request.version {
            note("Service \(request.serviceName) already selects \(request.version)")
        } else {
            note("would switch Service \(request.serviceName) from \(snapshot.activeVersion ?? "none") to \(request.version)")
        }
        status = .planned
        return finish(.success(result(active: request.switchTraffic ? request.version : snapshot.activeVersion)))
    }

    /// The preview Service is pointed before the wait (as Argo Rollouts' previewService is): it
    /// is not the live Service, and only the new version's ready pods receive its traffic. That
    /// keeps its requests off the path from "ready" to "switched".
    private mutating func beforeRollout() -> Action {
        guard request.preview else { return awaitRollout() }
        state = .previewing
        return .pointPreview(version: request.version)
    }

    private mutating func awaitRollout() -> Action {
        state = .awaitingRollout
        return .awaitRollout(deployment: request.deploymentName)
    }

    private mutating func afterReady() -> Action {
        if request.verify {
            state = .verifying
            return .verify(version: request.version)
        }
        return afterVerify()
    }

    private mutating func afterVerify() -> Action {
        guard request.switchTraffic else {
            status = .ready
            note("left the Service alone (--no-switch)")
            return release(.success(result(active: previousVersion)))
        }
        // The first attempt decides from the Service observed before the rollout wait, without
        // reading it again: the switch is guarded by that resourceVersion (a create, by
        // AlreadyExists), so a Service that changed since is refused with 409 and observed then.
        // The lock keeps the other pipelines' switches out meanwhile. A Service that already
        // selected the version (a re-run) is looked at again first: reporting "unchanged"
        // writes nothing, so no guard would catch a stale view there.
        if case .some(let service) = serviceBeforeRollout, service?.activeVersion != request.version {
            return decideSwitch(service, attempt: 1)
        }
        state = .observingForSwitch(attempt: 1)
        return .observe
    }

    /// Decides the switch from the Service alone. The new version's readiness is not re-read
    /// here: the rollout watch (and the verification, if any) established it just before, and
    /// the lock keeps purge, the only pipeline that deletes versions, out until we release it.
    private mutating func decideSwitch(_ service: ServiceState?, attempt: Int) -> Action {
        guard let service else {
            let entry = SwitchHistory.Entry(from: nil, to: request.version, at: now(), by: request.actor)
            state = .switching(attempt: attempt, from: nil)
            pendingSwitch = entry
            return .createService(version: request.version, history: SwitchHistory().recording(entry))
        }
        previousVersion = service.activeVersion
        if service.activeVersion == request.version, let pending = pendingSwitch, service.history.entries.first?.records(pending) == true {
            // Our own switch landed, though its answer was lost (or a retry of it lost the race to itself).
            previousVersion = pending.from
            note("the switch of Service \(request.serviceName) to \(request.version) was applied (its answer was lost)")
            note("switched Service \(request.serviceName) from \(pending.from ?? "none") to \(request.version)")
            state = .recording(from: pending.from)
            return .recordEvent(from: pending.from, to: request.version)
        }
        if service.activeVersion == request.version {
            status = .unchanged
            note("Service \(request.serviceName) already selects \(request.version)")
            previousVersion = service.history.entries.first?.to == request.version ? service.history.previousVersion : previousVersion
            return release(.success(result(active: request.version)))
        }
        let entry = SwitchHistory.Entry(from: service.activeVersion, to: request.version, at: now(), by: request.actor)
        state = .switching(attempt: attempt, from: service.activeVersion)
        pendingSwitch = entry
        return .switchService(to: request.version, from: service.activeVersion, resourceVersion: service.resourceVersion, history: service.history.recording(entry))
    }

    // MARK: - Endings

    private mutating func succeed() -> Action {
        status = .switched
        return release(.success(result(active: request.version)))
    }

    private mutating func fail(_ failure: DeployFailure) -> Action {
        release(.failure(failure))
    }

    /// The new version failed: remove the Deployment this run created (unless asked to keep
    /// it), so the cluster is as it was, then fail.
    private mutating func failVersion(_ failure: DeployFailure) -> Action {
        guard createdDeployment, !request.keepFailed else { return fail(failure) }
        state = .removingFailed(failure)
        return .removeFailedDeployment(deployment: request.deploymentName)
    }

    private mutating func release(_ result: Result<DeployResult, DeployFailure>) -> Action {
        guard holdsLock else { return finish(result) }
        state = .releasing(result)
        return .releaseLock
    }

    private mutating func finish(_ result: Result<DeployResult, DeployFailure>) -> Action {
        state = .finished
        return .finish(result.map { withPlan($0) })
    }

    private func result(active: String?) -> DeployResult {
        DeployResult(
            status: status, app: request.app, version: request.version, namespace: request.namespace,
            image: image.description, previousVersion: previousVersion, activeVersion: active, plan: plan)
    }

    private func withPlan(_ result: DeployResult) -> DeployResult {
        var result = result
        result.plan = plan
        return result
    }

    private mutating func note(_ line: String) { plan.append(line) }

    /// An event that does not fit the current state is a driver bug; fail loudly but safely.
    private mutating func protocolViolation(_ event: String) -> Action {
        let failure = DeployFailure(.failed, "internal error: event \(event) in state \(state)")
        if holdsLock, state != .finished {
            state = .releasing(.failure(failure))
            return .releaseLock
        }
        state = .finished
        return .finish(.failure(failure))
    }

    /// Whether a Deployment's image is the one requested; a pinned request matches the same
    /// repository at that digest, with or without a tag in front of it.
    static func sameImage(_ deployed: String, _ wanted: ImageReference) -> Bool {
        guard let deployed = try? ImageReference(parsing: deployed) else { return false }
        guard deployed.registry == wanted.registry, deployed.repository == wanted.repository else { return false }
        if let digest = wanted.digest { return deployed.digest == digest }
        return deployed.tag == wanted.tag && deployed.digest == nil
    }

    static func format(_ duration: Duration) -> String {
        let seconds = duration.components.seconds
        return seconds >= 60 ? "\(seconds / 60)m\(seconds % 60 == 0 ? "" : "\(seconds % 60)s")" : "\(seconds)s"
    }
}
