import Foundation

/// The routing pipeline's decisions: which versions exist, and whether a switch is allowed.
public enum RoutePlanner {
    /// One row of the versions table.
    public struct VersionRow: Sendable, Equatable {
        public var version: String
        public var image: String
        public var ready: Int
        public var desired: Int
        public var active: Bool
        public var isReady: Bool
        public var created: Date
    }

    /// The app's versions, newest first, with the active one marked.
    public static func listing(_ snapshot: ClusterSnapshot) -> [VersionRow] {
        sortedNewestFirst(snapshot.versions).map { version in
            VersionRow(
                version: version.version, image: version.image, ready: version.readyReplicas, desired: version.desiredReplicas,
                active: version.version == snapshot.activeVersion, isReady: version.isReady, created: version.created)
        }
    }

    /// What a route request comes to.
    public enum Decision: Sendable, Equatable {
        /// Patch the Service (guarded by `resourceVersion`) to select `to`, recording `history`.
        case switchService(to: String, from: String?, resourceVersion: String, history: SwitchHistory)
        /// The Service already selects that version.
        case unchanged(version: String)
    }

    /// Decides a switch to `target`: it must be on the cluster and ready.
    public static func decideSwitch(to target: String, snapshot: ClusterSnapshot, app: String, actor: String, now: Date) -> Result<Decision, DeployFailure> {
        guard let service = snapshot.service else {
            return .failure(DeployFailure(.failed, "the Service \(Names.service(app: app)) does not exist yet; deploy a first version with bluegreen-deploy"))
        }
        guard let version = snapshot.version(target) else {
            let live = sortedNewestFirst(snapshot.versions).map(\.version)
            let hint = live.isEmpty ? "no version of \(app) is on the cluster" : "versions on the cluster: \(live.joined(separator: ", "))"
            return .failure(DeployFailure(.invalidInput, "version \(target) of \(app) is not on the cluster (\(hint))"))
        }
        if service.activeVersion == target {
            return .success(.unchanged(version: target))
        }
        guard version.isReady else {
            return .failure(
                DeployFailure(
                    .notReady,
                    "version \(target) is not ready (\(version.availableReplicas)/\(version.desiredReplicas) available); refusing to route traffic to it"
                ))
        }
        let entry = SwitchHistory.Entry(from: service.activeVersion, to: target, at: now, by: actor)
        return .success(.switchService(to: target, from: service.activeVersion, resourceVersion: service.resourceVersion, history: service.history.recording(entry)))
    }

    /// Decides a rollback: back to the version that was active before the current one.
    public static func decideRollback(snapshot: ClusterSnapshot, app: String, actor: String, now: Date) -> Result<Decision, DeployFailure> {
        guard let service = snapshot.service else {
            return .failure(DeployFailure(.failed, "the Service \(Names.service(app: app)) does not exist yet; there is nothing to roll back"))
        }
        guard let latest = service.history.entries.first, latest.to == service.activeVersion, let previous = latest.from else {
            return .failure(
                DeployFailure(
                    .invalidInput,
                    "the Service \(service.name) has no recorded previous version (it was never switched by bluegreen, or was edited by hand); use --to VERSION"
                ))
        }
        guard snapshot.version(previous) != nil else {
            return .failure(DeployFailure(.invalidInput, "the previous version \(previous) is no longer on the cluster (purged?); use --to VERSION"))
        }
        return decideSwitch(to: previous, snapshot: snapshot, app: app, actor: actor, now: now)
    }

    static func sortedNewestFirst(_ versions: [VersionState]) -> [VersionState] {
        versions.sorted { ($0.created, $0.version) > ($1.created, $1.version) }
    }
}
