/// An error answered by the Kubernetes API server (its `Status` object, decoded), or a request
/// the client refused to send or could not understand the answer to.
///
/// ``reason`` is the machine-readable cause (``Reason/notFound``, ``Reason/conflict`` …); the
/// `is…` helpers test the common ones. The description names the problem and what to do about
/// it, and never contains credentials.
public struct KubeError: Error, Sendable, CustomStringConvertible {
    /// The `reason` of the server's `Status` (or one derived from the HTTP status).
    public var reason: Reason
    /// The HTTP status code; 0 when no response was involved.
    public var code: Int
    /// The server's message, such as `deployments.apps "web" not found`.
    public var message: String
    /// Field-level causes, for example of an `Invalid` answer.
    public var causes: [Cause]
    /// The object the error is about, as the server named it.
    public var details: Details?
    /// How long the server asked the client to wait (`Retry-After` or `details.retryAfterSeconds`).
    public var retryAfter: Duration?
    /// The request that failed, as `METHOD /path` (no query, no credentials).
    public var request: String?

    /// An error with these facts.
    public init(
        reason: Reason,
        code: Int,
        message: String,
        causes: [Cause] = [],
        details: Details? = nil,
        retryAfter: Duration? = nil,
        request: String? = nil
    ) {
        self.reason = reason
        self.code = code
        self.message = message
        self.causes = causes
        self.details = details
        self.retryAfter = retryAfter
        self.request = request
    }

    /// The object named in an error's `details`.
    public struct Details: Sendable, Hashable {
        /// The object's name.
        public var name: String?
        /// The object's API group.
        public var group: String?
        /// The object's kind (the server often puts the plural resource here).
        public var kind: String?
        /// The object's uid.
        public var uid: String?

        /// Details of an error.
        public init(name: String? = nil, group: String? = nil, kind: String? = nil, uid: String? = nil) {
            self.name = name
            self.group = group
            self.kind = kind
            self.uid = uid
        }
    }

    /// One cause of an error, such as an invalid field.
    public struct Cause: Sendable, Hashable {
        /// A machine-readable cause, such as `FieldValueInvalid` or `FieldValueRequired`.
        public var reason: String?
        /// A human-readable description.
        public var message: String?
        /// The field, such as `spec.replicas`.
        public var field: String?

        /// A cause of an error.
        public init(reason: String? = nil, message: String? = nil, field: String? = nil) {
            self.reason = reason
            self.message = message
            self.field = field
        }
    }

    /// The object was not found.
    public var isNotFound: Bool { reason == .notFound }
    /// An object of that name already exists.
    public var isAlreadyExists: Bool { reason == .alreadyExists }
    /// The object changed since it was read (a stale `resourceVersion`), or another writer won.
    public var isConflict: Bool { reason == .conflict }
    /// The object failed validation; see ``causes``.
    public var isInvalid: Bool { reason == .invalid }
    /// The credentials are not allowed to do this.
    public var isForbidden: Bool { reason == .forbidden }
    /// The credentials were not accepted.
    public var isUnauthorized: Bool { reason == .unauthorized }
    /// The server is throttling; see ``retryAfter``.
    public var isTooManyRequests: Bool { reason == .tooManyRequests }
    /// The resource version is too old for a watch or a list continuation (HTTP 410).
    public var isGone: Bool { reason == .gone || reason == .expired || code == 410 }
    /// The server could not finish in time; the request may be retried.
    public var isTimeout: Bool { reason == .serverTimeout || reason == .timeout }

    /// The message, the reason and code, the failing request, the causes and a hint at the fix.
    public var description: String {
        var text = message.isEmpty ? "the Kubernetes API answered \(reason.rawValue)" : message
        text += " (\(reason.rawValue)"
        if code != 0 { text += ", HTTP \(code)" }
        if let request { text += ", \(request)" }
        text += ")"
        let listed = causes.compactMap { cause -> String? in
            switch (cause.field, cause.message) {
            case (let field?, let message?): return "\(field): \(message)"
            case (nil, let message?): return message
            case (let field?, nil): return field
            default: return nil
            }
        }
        // The server's message usually already lists the causes; repeat only the new ones.
        let extra = listed.filter { !text.contains($0) }
        if !extra.isEmpty { text += "; " + extra.joined(separator: "; ") }
        if let hint = reason.hint { text += ". " + hint }
        return text
    }
}
