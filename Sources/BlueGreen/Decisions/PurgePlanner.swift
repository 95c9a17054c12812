/// The purge pipeline's decision: which idle versions to delete.
public enum PurgePlanner {
    /// What a purge will do.
    public struct Plan: Sendable, Equatable {
        /// The version the Service selects; never deleted.
        public var active: String
        /// Idle versions kept for rollback (the newest `keep`).
        public var kept: [VersionState]
        /// Idle versions to delete, newest first.
        public var delete: [VersionState]
    }

    /// Every version the Service does not select is idle; the newest `keep` idle versions that
    /// are ready stay for rollback (one that never became ready cannot take traffic, so it is
    /// no rollback target). Without a Service (or with one that selects no version) nothing is
    /// known to be active, so nothing is deleted.
    public static func plan(_ snapshot: ClusterSnapshot, app: String, keep: Int) -> Result<Plan, DeployFailure> {
        guard keep >= 0 else { return .failure(DeployFailure(.invalidInput, "--keep must be 0 or more (got \(keep))")) }
        guard let service = snapshot.service else {
            return .failure(
                DeployFailure(.failed, "the Service \(Names.service(app: app)) does not exist, so no version is known to be active; refusing to purge"))
        }
        guard let active = service.activeVersion else {
            return .failure(
                DeployFailure(.failed, "the Service \(service.name) selects no version (no \(Names.versionLabel) in its selector); refusing to purge"))
        }
        let idle = RoutePlanner.sortedNewestFirst(snapshot.versions.filter { $0.version != active })
        let kept = Array(idle.filter(\.isReady).prefix(keep))
        return .success(Plan(active: active, kept: kept, delete: idle.filter { !kept.contains($0) }))
    }
}
