import Foundation
import Logging

/// The purge pipeline: delete every version the Service does not select, keeping the newest
/// `keep` idle ones. The decision is made under the lock, so a concurrent switch (which takes
/// the same lock) cannot make an active version look idle; each delete is guarded by the
/// Deployment's uid and resourceVersion.
public struct PurgeEngine: Sendable {
    public var cluster: any BlueGreenCluster
    public var options: DeployEngine.Options
    public var now: @Sendable () -> Date
    public var sleep: @Sendable (Duration) async throws -> Void
    public var logger: Logger

    public init(
        cluster: any BlueGreenCluster, options: DeployEngine.Options, now: @escaping @Sendable () -> Date = { Date() },
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        logger: Logger = Logger(label: "bluegreen.purge", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.cluster = cluster
        self.options = options
        self.now = now
        self.sleep = sleep
        self.logger = logger
    }

    /// What a purge did (or, for a dry run, would do).
    public struct Outcome: Sendable, Equatable, Encodable {
        public var app: String
        public var active: String
        public var kept: [String]
        public var deleted: [String]
        /// Versions that changed between the decision and the delete (left alone).
        public var skipped: [String]
        public var dryRun: Bool
    }

    public func purge(app: String, keep: Int, dryRun: Bool = false, progress: @escaping @Sendable (String) -> Void = { _ in }) async -> Result<Outcome, DeployFailure> {
        do {
            try Names.validateApp(app)
        } catch {
            return .failure(DeployFailure(.invalidInput, error.message))
        }
        if dryRun {
            do {
                let snapshot = try await cluster.observe(app: app, nodes: .none)
                return PurgePlanner.plan(snapshot, app: app, keep: keep).map { plan in
                    Outcome(app: app, active: plan.active, kept: plan.kept.map(\.version), deleted: plan.delete.map(\.version), skipped: [], dryRun: true)
                }
            } catch {
                return .failure(DeployEngine.failure(from: error))
            }
        }
        let operation = LockedOperation(
            cluster: cluster, app: app, identity: options.identity, operation: "purge", wait: options.lockWait,
            duration: options.lockDuration, now: now, sleep: sleep, logger: logger)
        let result = await operation.run { [cluster, logger] lock -> Result<Outcome, DeployFailure> in
            let snapshot = try await cluster.observe(app: app, nodes: .none)
            let plan: PurgePlanner.Plan
            switch PurgePlanner.plan(snapshot, app: app, keep: keep) {
            case .failure(let failure): return .failure(failure)
            case .success(let decided): plan = decided
            }
            var outcome = Outcome(app: app, active: plan.active, kept: plan.kept.map(\.version), deleted: [], skipped: [], dryRun: false)
            for version in plan.delete {
                guard await lock.isHeld else { return .failure(DeployEngine.lockLost(app: app)) }
                do {
                    progress("deleting \(version.deploymentName)")
                    try await cluster.deleteDeployment(app: app, version: version.version, uid: version.uid, resourceVersion: version.resourceVersion)
                    outcome.deleted.append(version.version)
                } catch let error as ClusterError where error.code == .conflict || error.code == .notFound {
                    logger.notice("left a version that changed since it was read", metadata: ["version": "\(version.version)"])
                    outcome.skipped.append(version.version)
                }
            }
            if !outcome.deleted.isEmpty {
                try? await cluster.recordEvent(app: app, reason: "Purged", message: "deleted idle versions \(outcome.deleted.joined(separator: ", "))", warning: false)
            }
            return .success(outcome)
        }
        return result.flatMap { $0 }
    }
}
