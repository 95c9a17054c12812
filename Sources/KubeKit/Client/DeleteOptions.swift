/// How an object is deleted (meta/v1 DeleteOptions).
public struct DeleteOptions: Sendable, Hashable {
    /// What happens to the objects the deleted one owns.
    public struct PropagationPolicy: RawRepresentable, Sendable, Hashable {
        /// `Foreground`, `Background` or `Orphan`.
        public var rawValue: String
        /// A policy from its API spelling.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// Dependents are deleted first; the owner goes once they are gone.
        public static let foreground = PropagationPolicy(rawValue: "Foreground")
        /// The owner goes at once; the garbage collector deletes dependents afterwards.
        public static let background = PropagationPolicy(rawValue: "Background")
        /// Dependents are kept and lose their owner reference.
        public static let orphan = PropagationPolicy(rawValue: "Orphan")
    }

    /// Conditions the object must meet to be deleted; a mismatch is a 409 Conflict.
    public struct Preconditions: Sendable, Hashable {
        /// The object's uid: protects against deleting a re-created namesake.
        public var uid: String?
        /// The object's resourceVersion: protects against deleting a changed object.
        public var resourceVersion: String?

        /// Preconditions.
        public init(uid: String? = nil, resourceVersion: String? = nil) {
            self.uid = uid
            self.resourceVersion = resourceVersion
        }
    }

    /// What happens to dependents; `nil` leaves the kind's default.
    public var propagationPolicy: PropagationPolicy?
    /// Seconds before the object is removed; 0 deletes at once; `nil` for the kind's default.
    public var gracePeriodSeconds: Int?
    /// Conditions on uid and resourceVersion.
    public var preconditions: Preconditions?
    /// Validates without deleting (`dryRun: [All]`).
    public var dryRun: Bool

    /// Delete options.
    public init(
        propagationPolicy: PropagationPolicy? = nil, gracePeriodSeconds: Int? = nil, preconditions: Preconditions? = nil, dryRun: Bool = false
    ) {
        self.propagationPolicy = propagationPolicy
        self.gracePeriodSeconds = gracePeriodSeconds
        self.preconditions = preconditions
        self.dryRun = dryRun
    }

    /// The `DeleteOptions` body.
    var json: JSONValue {
        var body: [String: JSONValue] = ["kind": "DeleteOptions", "apiVersion": "v1"]
        if let propagationPolicy { body["propagationPolicy"] = .string(propagationPolicy.rawValue) }
        if let gracePeriodSeconds { body["gracePeriodSeconds"] = .integer(Int64(gracePeriodSeconds)) }
        if let preconditions {
            var conditions: [String: JSONValue] = [:]
            if let uid = preconditions.uid { conditions["uid"] = .string(uid) }
            if let resourceVersion = preconditions.resourceVersion { conditions["resourceVersion"] = .string(resourceVersion) }
            body["preconditions"] = .object(conditions)
        }
        if dryRun { body["dryRun"] = ["All"] }
        return .object(body)
    }
}
