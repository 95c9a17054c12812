import Foundation

/// `spec` of a ``Lease``. Times are `MicroTime` (RFC 3339 with microseconds).
public struct LeaseSpec: JSONObjectModel {
    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// Who holds the lease.
    public var holderIdentity: String? {
        get { self[field: "holderIdentity"] }
        set { self[field: "holderIdentity"] = newValue }
    }

    /// How long the holder may go without renewing it.
    public var leaseDurationSeconds: Int? {
        get { self[field: "leaseDurationSeconds"] }
        set { self[field: "leaseDurationSeconds"] = newValue }
    }

    /// How often the holder changed.
    public var leaseTransitions: Int? {
        get { self[field: "leaseTransitions"] }
        set { self[field: "leaseTransitions"] = newValue }
    }

    /// A holder the current one should hand over to (newer servers).
    public var preferredHolder: String? {
        get { self[field: "preferredHolder"] }
        set { self[field: "preferredHolder"] = newValue }
    }

    /// The strategy for picking a holder (newer servers).
    public var strategy: String? {
        get { self[field: "strategy"] }
        set { self[field: "strategy"] = newValue }
    }
}

extension LeaseSpec {
    /// A lease held by `holderIdentity`.
    public init(holderIdentity: String, leaseDurationSeconds: Int, acquireTime: Date? = nil, renewTime: Date? = nil) {
        self.init(object: [:])
        self.holderIdentity = holderIdentity
        self.leaseDurationSeconds = leaseDurationSeconds
        self.acquireTime = acquireTime
        self.renewTime = renewTime
    }

    /// When the current holder acquired the lease (written as a `MicroTime`).
    public var acquireTime: Date? {
        get { self[field: "acquireTime"] }
        set { object["acquireTime"] = newValue.map { .string(RFC3339.microString(from: $0)) } }
    }

    /// When the holder last renewed the lease (written as a `MicroTime`).
    public var renewTime: Date? {
        get { self[field: "renewTime"] }
        set { object["renewTime"] = newValue.map { .string(RFC3339.microString(from: $0)) } }
    }
}
