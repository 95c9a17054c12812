import Foundation
import Synchronization

@testable import BlueGreen

/// A cluster port that forwards every call to another and notes the moment a rollout is reported
/// ready, first running `onReady` (to change the cluster between "ready" and the switch, as a
/// concurrent actor would).
final class ReadyHookCluster: BlueGreenCluster, Sendable {
    let base: any BlueGreenCluster
    private let onReady: @Sendable () async throws -> Void
    private let stamp = Mutex<Date?>(nil)

    init(_ base: any BlueGreenCluster, onReady: @escaping @Sendable () async throws -> Void = {}) {
        self.base = base
        self.onReady = onReady
    }

    /// When the rollout was reported ready to the engine (after `onReady` ran), if it was.
    var readyAt: Date? { stamp.withLock { $0 } }

    func awaitRollout(app: String, version: String, timeout: Duration, progress: @escaping @Sendable (RolloutProgress) -> Void) async throws -> RolloutResult {
        let result = try await base.awaitRollout(app: app, version: version, timeout: timeout, progress: progress)
        if result == .ready {
            try await onReady()
            stamp.withLock { $0 = Date() }
        }
        return result
    }

    func observe(app: String, nodes: NodeDetail) async throws -> ClusterSnapshot {
        try await base.observe(app: app, nodes: nodes)
    }

    func readLease(app: String) async throws -> LeaseState? { try await base.readLease(app: app) }

    func createLease(app: String, claim: LeaseClaim) async throws -> LeaseState { try await base.createLease(app: app, claim: claim) }

    func updateLease(app: String, claim: LeaseClaim, resourceVersion: String) async throws -> LeaseState {
        try await base.updateLease(app: app, claim: claim, resourceVersion: resourceVersion)
    }

    func deleteLease(app: String, resourceVersion: String) async throws { try await base.deleteLease(app: app, resourceVersion: resourceVersion) }

    func createDeployment(app: String, version: String, image: String, replicas: Int) async throws {
        try await base.createDeployment(app: app, version: version, image: image, replicas: replicas)
    }

    func pointPreview(app: String, version: String) async throws { try await base.pointPreview(app: app, version: version) }

    func createService(app: String, version: String, annotations: [String: String]) async throws {
        try await base.createService(app: app, version: version, annotations: annotations)
    }

    func switchService(app: String, version: String, resourceVersion: String, annotations: [String: String]) async throws {
        try await base.switchService(app: app, version: version, resourceVersion: resourceVersion, annotations: annotations)
    }

    func recordEvent(app: String, reason: String, message: String, warning: Bool) async throws {
        try await base.recordEvent(app: app, reason: reason, message: message, warning: warning)
    }

    func removeDeployment(app: String, version: String) async throws { try await base.removeDeployment(app: app, version: version) }

    func deleteDeployment(app: String, version: String, uid: String, resourceVersion: String) async throws {
        try await base.deleteDeployment(app: app, version: version, uid: uid, resourceVersion: resourceVersion)
    }

    func podAddresses(app: String, version: String) async throws -> [String] { try await base.podAddresses(app: app, version: version) }
}
