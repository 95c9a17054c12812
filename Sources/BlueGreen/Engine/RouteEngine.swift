import Foundation
import Logging

/// The routing pipeline: list an app's versions, switch the Service to one of them, or roll back.
public struct RouteEngine: Sendable {
    public var cluster: any BlueGreenCluster
    public var options: DeployEngine.Options
    public var now: @Sendable () -> Date
    public var sleep: @Sendable (Duration) async throws -> Void
    public var logger: Logger

    public init(
        cluster: any BlueGreenCluster, options: DeployEngine.Options, now: @escaping @Sendable () -> Date = { Date() },
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        logger: Logger = Logger(label: "bluegreen.route", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.cluster = cluster
        self.options = options
        self.now = now
        self.sleep = sleep
        self.logger = logger
    }

    /// The app's versions and which one is active. Takes no lock: it only reads.
    public func list(app: String) async -> Result<VersionListing, DeployFailure> {
        do {
            try Names.validateApp(app)
        } catch {
            return .failure(DeployFailure(.invalidInput, error.message))
        }
        do {
            let snapshot = try await cluster.observe(app: app, nodes: .none)
            return .success(VersionListing(app: app, snapshot: snapshot, now: now()))
        } catch {
            return .failure(DeployEngine.failure(from: error))
        }
    }

    /// What a switch or rollback should do.
    public enum Target: Sendable, Equatable {
        case version(String)
        case rollback
    }

    /// What a route did.
    public struct Outcome: Sendable, Equatable {
        public var app: String
        /// The version active before.
        public var from: String?
        /// The version active now (or, for a dry run, that would be).
        public var to: String
        /// False when the Service already selected `to` (or for a dry run).
        public var changed: Bool
        public var dryRun: Bool
    }

    /// Switches the Service under the lock, refusing versions that are not ready.
    public func route(app: String, to target: Target, actor: String, dryRun: Bool = false) async -> Result<Outcome, DeployFailure> {
        do {
            try Names.validateApp(app)
            if case .version(let version) = target { try Names.validateVersion(version, app: app) }
        } catch {
            return .failure(DeployFailure(.invalidInput, error.message))
        }
        if dryRun {
            do {
                let snapshot = try await cluster.observe(app: app, nodes: .none)
                return decide(target, snapshot: snapshot, app: app, actor: actor).map { decision in
                    switch decision {
                    case .unchanged(let version): Outcome(app: app, from: version, to: version, changed: false, dryRun: true)
                    case .switchService(let to, let from, _, _): Outcome(app: app, from: from, to: to, changed: false, dryRun: true)
                    }
                }
            } catch {
                return .failure(DeployEngine.failure(from: error))
            }
        }
        let operation = LockedOperation(
            cluster: cluster, app: app, identity: options.identity, operation: target == .rollback ? "rollback" : "route",
            wait: options.lockWait, duration: options.lockDuration, now: now, sleep: sleep, logger: logger)
        let result = await operation.run { [cluster] lock -> Result<Outcome, DeployFailure> in
            // The switch last sent, and why it may not have landed, to recognise it when its answer
            // was lost: re-deciding instead would make a retried rollback switch back again.
            var pending: SwitchHistory.Entry?
            var unanswered: DeployFailure?
            for _ in 1...DeployStateMachine.switchAttempts {
                let snapshot = try await cluster.observe(app: app, nodes: .none)
                if let sent = pending, let service = snapshot.service, service.activeVersion == sent.to,
                    service.history.entries.first?.records(sent) == true
                {
                    logger.info("the switch was applied though its answer was lost", metadata: ["app": "\(app)", "to": "\(sent.to)"])
                    await record(target, app: app, from: sent.from, to: sent.to)
                    return .success(Outcome(app: app, from: sent.from, to: sent.to, changed: true, dryRun: false))
                }
                switch decide(target, snapshot: snapshot, app: app, actor: actor) {
                case .failure(let failure):
                    return .failure(failure)
                case .success(.unchanged(let version)):
                    return .success(Outcome(app: app, from: version, to: version, changed: false, dryRun: false))
                case .success(.switchService(let to, let from, let resourceVersion, let history)):
                    guard await lock.isHeld else { return .failure(DeployEngine.lockLost(app: app)) }
                    pending = history.entries.first
                    do {
                        try await cluster.switchService(app: app, version: to, resourceVersion: resourceVersion, annotations: history.annotations)
                    } catch let error as ClusterError where error.code == .conflict {
                        continue
                    } catch where DeployEngine.outcomeUnknown(error) {
                        unanswered = DeployEngine.failure(from: error)
                        continue
                    }
                    await record(target, app: app, from: from, to: to)
                    return .success(Outcome(app: app, from: from, to: to, changed: true, dryRun: false))
                }
            }
            if let unanswered { return .failure(unanswered) }
            return .failure(DeployFailure(.locked, "the Service \(app) kept changing while it was being switched; something outside the pipelines is editing it"))
        }
        return result.flatMap { $0 }
    }

    /// Records the switch as an Event; Events are advisory, so a failure is only logged.
    private func record(_ target: Target, app: String, from: String?, to: String) async {
        let reason = target == .rollback ? "RolledBack" : "Switched"
        do {
            try await cluster.recordEvent(app: app, reason: reason, message: "switched \(app) from \(from ?? "none") to \(to)", warning: false)
        } catch {
            logger.warning("could not record an Event", metadata: ["error": "\(error)"])
        }
    }

    private func decide(_ target: Target, snapshot: ClusterSnapshot, app: String, actor: String) -> Result<RoutePlanner.Decision, DeployFailure> {
        switch target {
        case .version(let version): RoutePlanner.decideSwitch(to: version, snapshot: snapshot, app: app, actor: actor, now: now())
        case .rollback: RoutePlanner.decideRollback(snapshot: snapshot, app: app, actor: actor, now: now())
        }
    }
}

/// The versions of an app, for the routing pipeline's table and JSON.
public struct VersionListing: Sendable, Equatable, Encodable {
    public struct Version: Sendable, Equatable, Encodable {
        public var version: String
        public var image: String
        public var ready: Int
        public var desired: Int
        public var active: Bool
        /// Ready to take traffic (what `--to` requires).
        public var routable: Bool
        public var created: Date
        public var ageSeconds: Int
    }

    public var app: String
    public var active: String?
    /// The version active before the current one, from the Service's history.
    public var previous: String?
    /// Newest first.
    public var versions: [Version]

    public init(app: String, snapshot: ClusterSnapshot, now: Date) {
        self.app = app
        active = snapshot.activeVersion
        let history = snapshot.service?.history
        previous = history?.entries.first?.to == active ? history?.previousVersion : nil
        versions = RoutePlanner.listing(snapshot).map { row in
            Version(
                version: row.version, image: row.image, ready: row.ready, desired: row.desired, active: row.active, routable: row.isReady,
                created: row.created, ageSeconds: max(0, Int(now.timeIntervalSince(row.created))))
        }
    }
}
