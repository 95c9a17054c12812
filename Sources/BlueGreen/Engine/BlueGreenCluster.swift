import Foundation

/// What the engine needs from a cluster, in its own terms. ``KubeBlueGreenCluster`` implements
/// it over KubeKit; tests implement it in memory to drive every path without a network.
///
/// Implementations throw ``ClusterError`` so that the engine can tell a lost race (`conflict`,
/// `alreadyExists`) from a refusal (`unauthorized`, `forbidden`) from anything else.
public protocol BlueGreenCluster: Sendable {
    /// The app's versions (its Deployments), its Service and, as much as `nodes` asks for, the
    /// nodes (none for ``NodeDetail/none``).
    func observe(app: String, nodes: NodeDetail) async throws -> ClusterSnapshot

    /// The Lease `<app>-bluegreen`, or `nil` when there is none.
    func readLease(app: String) async throws -> LeaseState?
    /// Creates the Lease with this claim. Throws `alreadyExists` when another pipeline was faster.
    func createLease(app: String, claim: LeaseClaim) async throws -> LeaseState
    /// Replaces the claim, guarded by `resourceVersion`. Throws `conflict` when it changed.
    func updateLease(app: String, claim: LeaseClaim, resourceVersion: String) async throws -> LeaseState
    /// Deletes the Lease, guarded by `resourceVersion`.
    func deleteLease(app: String, resourceVersion: String) async throws

    /// Creates Deployment `<app>-<version>` from the template. Throws `alreadyExists`.
    func createDeployment(app: String, version: String, image: String, replicas: Int) async throws
    /// Waits until the rollout completes, fails, or `timeout` passes; reports progress.
    func awaitRollout(app: String, version: String, timeout: Duration, progress: @escaping @Sendable (RolloutProgress) -> Void) async throws -> RolloutResult
    /// Points the preview Service at `version`, creating it from its template if needed.
    func pointPreview(app: String, version: String) async throws
    /// Creates the Service from its template, selecting `version`, with these annotations.
    /// Throws `alreadyExists`.
    func createService(app: String, version: String, annotations: [String: String]) async throws
    /// One patch: the selector's version and these annotations, guarded by `resourceVersion`.
    /// Throws `conflict` when the Service changed since it was read (`notFound` when it was
    /// deleted since).
    func switchService(app: String, version: String, resourceVersion: String, annotations: [String: String]) async throws
    /// Records a Kubernetes Event about the app's Service.
    func recordEvent(app: String, reason: String, message: String, warning: Bool) async throws
    /// Deletes Deployment `<app>-<version>` (one this run created and still holds the lock for).
    func removeDeployment(app: String, version: String) async throws
    /// Deletes Deployment `<app>-<version>`, guarded by its uid and resourceVersion.
    func deleteDeployment(app: String, version: String, uid: String, resourceVersion: String) async throws
    /// The addresses of the version's ready pods (for the verification command).
    func podAddresses(app: String, version: String) async throws -> [String]
}

/// A claim written into the Lease.
public struct LeaseClaim: Sendable, Equatable {
    public var holder: String
    public var durationSeconds: Int
    public var acquireTime: Date
    public var renewTime: Date
    /// What the holder does, e.g. "deploy 42" (kept in an annotation).
    public var operation: String
    /// Incremented when the holder changes.
    public var transitions: Int

    public init(holder: String, durationSeconds: Int, acquireTime: Date, renewTime: Date, operation: String, transitions: Int) {
        self.holder = holder
        self.durationSeconds = durationSeconds
        self.acquireTime = acquireTime
        self.renewTime = renewTime
        self.operation = operation
        self.transitions = transitions
    }
}

/// A rollout's progress, for the reporter.
public struct RolloutProgress: Sendable, Equatable {
    public var desired: Int
    public var updated: Int
    public var ready: Int
    public var available: Int
    /// kubectl's wording, e.g. "Waiting for deployment "web-42" rollout to finish: 1 of 2 updated replicas are available...".
    public var message: String

    public init(desired: Int, updated: Int, ready: Int, available: Int, message: String) {
        self.desired = desired
        self.updated = updated
        self.ready = ready
        self.available = available
        self.message = message
    }
}

/// How a rollout ended.
public enum RolloutResult: Sendable, Equatable {
    case ready
    /// Stuck pods or a progress deadline; `details` holds one line per pod and reason.
    case failed(message: String, details: [String])
    /// Still progressing when the time ran out.
    case timedOut(progress: String)
}

/// A cluster call that failed, classified for the engine's decisions.
public struct ClusterError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        let name: String
        public static let alreadyExists = Code(name: "alreadyExists")
        public static let conflict = Code(name: "conflict")
        public static let notFound = Code(name: "notFound")
        public static let unauthorized = Code(name: "unauthorized")
        public static let forbidden = Code(name: "forbidden")
        public static let invalid = Code(name: "invalid")
        public static let unavailable = Code(name: "unavailable")
        public static let other = Code(name: "other")
        public var description: String { name }
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    /// The failure kind (and exit code) this error stands for when it ends an operation.
    public var failureKind: DeployFailure.Kind {
        switch code {
        case .unauthorized, .forbidden: .unauthorized
        case .conflict: .locked
        case .invalid: .invalidInput
        default: .failed
        }
    }
}
