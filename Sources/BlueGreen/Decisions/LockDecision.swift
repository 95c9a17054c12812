import Foundation

/// The lock between pipelines: a coordination.k8s.io/v1 Lease `<app>-bluegreen`.
public struct LeaseState: Sendable, Equatable {
    public var holder: String?
    public var renewTime: Date?
    public var durationSeconds: Int
    public var resourceVersion: String
    /// What the holder is doing, from the Lease's annotations (e.g. "deploy 42").
    public var operation: String?
    /// `spec.leaseTransitions`: how many times the holder changed.
    public var transitions: Int

    public init(holder: String?, renewTime: Date?, durationSeconds: Int, resourceVersion: String, operation: String? = nil, transitions: Int = 0) {
        self.holder = holder
        self.renewTime = renewTime
        self.durationSeconds = durationSeconds
        self.resourceVersion = resourceVersion
        self.operation = operation
        self.transitions = transitions
    }

    /// When the holder's claim lapses unless renewed.
    public var expiry: Date? { renewTime.map { $0.addingTimeInterval(TimeInterval(durationSeconds)) } }
}

/// What to do about the Lease, given what was observed.
public enum LockDecision: Sendable, Equatable {
    /// No Lease yet: create one.
    case create
    /// Ours already (a re-run with the same identity) or free or expired: update it, guarded by
    /// the observed resourceVersion. `takeover` is true when another holder's claim lapsed.
    case acquire(resourceVersion: String, takeover: Bool)
    /// Held by a live holder until `until`.
    case busy(holder: String, operation: String?, until: Date)

    /// Decides from the observed Lease (`nil`: none exists) at time `now`.
    public static func decide(lease: LeaseState?, identity: String, now: Date) -> LockDecision {
        guard let lease else { return .create }
        guard let holder = lease.holder, !holder.isEmpty, holder != identity else {
            return .acquire(resourceVersion: lease.resourceVersion, takeover: false)
        }
        guard let expiry = lease.expiry, expiry > now else {
            return .acquire(resourceVersion: lease.resourceVersion, takeover: true)
        }
        return .busy(holder: holder, operation: lease.operation, until: expiry)
    }
}
