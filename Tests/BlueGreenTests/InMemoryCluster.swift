import Foundation
import Synchronization

@testable import BlueGreen

/// A cluster in memory, for driving the engine through every path without a network. It can
/// "crash" the client after a number of writes: every later call fails and changes nothing, as
/// if the pipeline process had died (its lock stays behind, unreleased).
final class InMemoryCluster: BlueGreenCluster, Sendable {
    struct State: Equatable {
        var versions: [String: VersionState] = [:]
        var serviceVersion: String?
        var serviceAnnotations: [String: String] = [:]
        var serviceResourceVersion = 0
        var previewVersion: String?
        var lease: LeaseState?
        var events: [String] = []
        var nodes: [NodeState] = []
        var resourceVersion = 100

        /// What an observer would compare between two runs: versions and images, the Service's
        /// selection and switch history (without timestamps), and whether a lock is left.
        var outcome: String {
            let versions = self.versions.values.sorted { $0.version < $1.version }.map { "\($0.version)=\($0.image)" }
            let history = SwitchHistory(annotations: serviceAnnotations).entries.map { "\($0.from ?? "-")>\($0.to)" }
            return "versions \(versions) service \(serviceVersion ?? "-") history \(history) lease \(lease?.holder ?? "-")"
        }
    }

    struct SimulatedCrash: Error {}

    let state: Mutex<State>
    private let control = Mutex(Control())
    let now: @Sendable () -> Date

    private struct Control {
        var writesBeforeCrash: Int?
        var crashed = false
        var failingImages: Set<String> = []
        var conflictsOnSwitch = 0
        var leaseUpdatesHang = false
    }

    init(_ initial: State = State(), now: @escaping @Sendable () -> Date) {
        state = Mutex(initial)
        self.now = now
    }

    /// The client dies after `writes` more successful writes.
    func crash(afterWrites writes: Int) { control.withLock { $0.writesBeforeCrash = writes; $0.crashed = false } }
    /// Whether the simulated crash happened.
    var didCrash: Bool { control.withLock { $0.crashed } }
    /// A new process: calls work again.
    func revive() { control.withLock { $0.writesBeforeCrash = nil; $0.crashed = false } }
    /// Deployments of this image never become ready.
    func failRollouts(of image: String) { control.withLock { _ = $0.failingImages.insert(image) } }
    /// Lease updates are applied but never answered: the call waits until its task is cancelled
    /// (a renewal in flight when the lock is released).
    func hangLeaseUpdatesAfterApplying(_ hang: Bool) { control.withLock { $0.leaseUpdatesHang = hang } }
    /// The next `count` switch patches lose the resourceVersion race.
    func injectSwitchConflicts(_ count: Int) { control.withLock { $0.conflictsOnSwitch = count } }

    var snapshotState: State { state.withLock { $0 } }

    // MARK: - Call accounting

    private func read() throws {
        if control.withLock({ $0.crashed }) { throw SimulatedCrash() }
    }

    private func write<T>(_ body: (inout State) throws -> T) throws -> T {
        try control.withLock { control in
            if control.crashed { throw SimulatedCrash() }
            if let remaining = control.writesBeforeCrash {
                if remaining == 0 {
                    control.crashed = true
                    throw SimulatedCrash()
                }
                control.writesBeforeCrash = remaining - 1
            }
        }
        return try state.withLock { state in
            state.resourceVersion += 1
            return try body(&state)
        }
    }

    // MARK: - BlueGreenCluster

    func observe(app: String, nodes: NodeDetail) async throws -> ClusterSnapshot {
        try read()
        return state.withLock { state in
            let service = state.serviceVersion.map { _ in
                ServiceState(
                    name: app, activeVersion: state.serviceVersion, resourceVersion: "\(state.serviceResourceVersion)",
                    history: SwitchHistory(annotations: state.serviceAnnotations))
            }
            return ClusterSnapshot(versions: Array(state.versions.values), service: service, nodes: nodes == .none ? [] : state.nodes)
        }
    }

    func readLease(app: String) async throws -> LeaseState? {
        try read()
        return state.withLock { $0.lease }
    }

    func createLease(app: String, claim: LeaseClaim) async throws -> LeaseState {
        try write { state in
            guard state.lease == nil else { throw ClusterError(.alreadyExists, "leases \"\(app)-bluegreen\" already exists") }
            state.lease = Self.lease(claim, rv: state.resourceVersion)
            return state.lease!
        }
    }

    func updateLease(app: String, claim: LeaseClaim, resourceVersion: String) async throws -> LeaseState {
        let updated = try write { state in
            guard let lease = state.lease else { throw ClusterError(.notFound, "not found") }
            guard lease.resourceVersion == resourceVersion else { throw ClusterError(.conflict, "the object has been modified") }
            state.lease = Self.lease(claim, rv: state.resourceVersion)
            return state.lease!
        }
        if control.withLock({ $0.leaseUpdatesHang }) { try await Task.sleep(for: .seconds(3600)) }
        return updated
    }

    func deleteLease(app: String, resourceVersion: String) async throws {
        try write { state in
            guard let lease = state.lease else { throw ClusterError(.notFound, "not found") }
            guard lease.resourceVersion == resourceVersion else { throw ClusterError(.conflict, "precondition failed") }
            state.lease = nil
        }
    }

    func createDeployment(app: String, version: String, image: String, replicas: Int) async throws {
        let created = now()
        try write { state in
            guard state.versions[version] == nil else { throw ClusterError(.alreadyExists, "deployments.apps \"\(app)-\(version)\" already exists") }
            state.versions[version] = VersionState(
                version: version, deploymentName: "\(app)-\(version)", image: image, desiredReplicas: replicas, created: created,
                uid: UUID().uuidString, resourceVersion: "\(state.resourceVersion)")
        }
    }

    func awaitRollout(app: String, version: String, timeout: Duration, progress: @escaping @Sendable (RolloutProgress) -> Void) async throws -> RolloutResult {
        try read()
        let failing = control.withLock { $0.failingImages }
        return state.withLock { state in
            guard var deployed = state.versions[version] else { return .failed(message: "deployment \(app)-\(version) was deleted", details: []) }
            if failing.contains(deployed.image) {
                return .failed(message: "pods cannot pull their image", details: ["\(app)-\(version)-abc12: ImagePullBackOff"])
            }
            deployed.readyReplicas = deployed.desiredReplicas
            deployed.availableReplicas = deployed.desiredReplicas
            deployed.updatedReplicas = deployed.desiredReplicas
            deployed.totalReplicas = deployed.desiredReplicas
            state.versions[version] = deployed
            progress(RolloutProgress(desired: deployed.desiredReplicas, updated: deployed.desiredReplicas, ready: deployed.desiredReplicas, available: deployed.desiredReplicas, message: "ready"))
            return .ready
        }
    }

    func pointPreview(app: String, version: String) async throws {
        try write { $0.previewVersion = version }
    }

    func createService(app: String, version: String, annotations: [String: String]) async throws {
        try write { state in
            guard state.serviceVersion == nil else { throw ClusterError(.alreadyExists, "services \"\(app)\" already exists") }
            state.serviceVersion = version
            state.serviceAnnotations = annotations
            state.serviceResourceVersion = state.resourceVersion
        }
    }

    func switchService(app: String, version: String, resourceVersion: String, annotations: [String: String]) async throws {
        let conflict = control.withLock { control in
            guard control.conflictsOnSwitch > 0 else { return false }
            control.conflictsOnSwitch -= 1
            return true
        }
        try write { state in
            if conflict { state.serviceResourceVersion = state.resourceVersion }
            guard "\(state.serviceResourceVersion)" == resourceVersion else { throw ClusterError(.conflict, "the object has been modified") }
            state.serviceVersion = version
            state.serviceAnnotations.merge(annotations) { _, new in new }
            state.serviceResourceVersion = state.resourceVersion
        }
    }

    func recordEvent(app: String, reason: String, message: String, warning: Bool) async throws {
        try write { $0.events.append("\(reason): \(message)") }
    }

    func removeDeployment(app: String, version: String) async throws {
        try write { state in
            guard state.versions.removeValue(forKey: version) != nil else { throw ClusterError(.notFound, "not found") }
        }
    }

    func deleteDeployment(app: String, version: String, uid: String, resourceVersion: String) async throws {
        try write { state in
            guard let deployed = state.versions[version] else { throw ClusterError(.notFound, "not found") }
            guard deployed.uid == uid, deployed.resourceVersion == resourceVersion else { throw ClusterError(.conflict, "precondition failed") }
            state.versions[version] = nil
        }
    }

    func podAddresses(app: String, version: String) async throws -> [String] {
        try read()
        return ["10.0.0.1", "10.0.0.2"]
    }

    private static func lease(_ claim: LeaseClaim, rv: Int) -> LeaseState {
        LeaseState(holder: claim.holder, renewTime: claim.renewTime, durationSeconds: claim.durationSeconds, resourceVersion: "\(rv)", operation: claim.operation, transitions: claim.transitions)
    }
}

/// A clock the test moves by hand.
final class TestClock: Sendable {
    private let current: Mutex<Date>
    init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) { current = Mutex(start) }
    var now: Date { current.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
    var provider: @Sendable () -> Date { { self.now } }
}
