extension KubeError {
    /// A `Status` reason. New reasons need no new code: any server string is kept as is.
    public struct Reason: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The reason as the server spells it, such as `NotFound`.
        public var rawValue: String
        /// A reason from its spelling.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// A reason from its spelling.
        public init(_ rawValue: String) { self.rawValue = rawValue }
        /// The reason as the server spells it.
        public var description: String { rawValue }

        /// 401: the credentials were not accepted.
        public static let unauthorized = Reason("Unauthorized")
        /// 403: the credentials may not do this.
        public static let forbidden = Reason("Forbidden")
        /// 404: no such object.
        public static let notFound = Reason("NotFound")
        /// 409 on create: an object of that name exists.
        public static let alreadyExists = Reason("AlreadyExists")
        /// 409: the object changed since it was read.
        public static let conflict = Reason("Conflict")
        /// 410: the resource version is too old.
        public static let gone = Reason("Gone")
        /// 410: a list continuation or watch resource version expired.
        public static let expired = Reason("Expired")
        /// 422: the object failed validation.
        public static let invalid = Reason("Invalid")
        /// 504 or 500: the server gave up waiting; the request may be retried.
        public static let serverTimeout = Reason("ServerTimeout")
        /// 504: the request timed out.
        public static let timeout = Reason("Timeout")
        /// 429: throttled.
        public static let tooManyRequests = Reason("TooManyRequests")
        /// 400: the request was malformed.
        public static let badRequest = Reason("BadRequest")
        /// 405: the verb is not supported for this resource.
        public static let methodNotAllowed = Reason("MethodNotAllowed")
        /// 406: the server cannot produce the requested content type.
        public static let notAcceptable = Reason("NotAcceptable")
        /// 413: the body is too large.
        public static let requestEntityTooLarge = Reason("RequestEntityTooLarge")
        /// 415: the server does not accept this content type (for example this patch type).
        public static let unsupportedMediaType = Reason("UnsupportedMediaType")
        /// 500: the server failed.
        public static let internalError = Reason("InternalError")
        /// 503: the server is unavailable.
        public static let serviceUnavailable = Reason("ServiceUnavailable")
        /// No reason was given.
        public static let unknown = Reason("Unknown")
        /// Client side: the request was refused before it was sent.
        public static let invalidRequest = Reason("InvalidRequest")
        /// Client side: the server's answer could not be understood.
        public static let unexpectedResponse = Reason("UnexpectedResponse")

        /// The reason the API machinery derives from an HTTP status when the body is no `Status`.
        static func forHTTPStatus(_ code: Int) -> Reason {
            switch code {
            case 400: return .badRequest
            case 401: return .unauthorized
            case 403: return .forbidden
            case 404: return .notFound
            case 405: return .methodNotAllowed
            case 406: return .notAcceptable
            case 409: return .conflict
            case 410: return .gone
            case 413: return .requestEntityTooLarge
            case 415: return .unsupportedMediaType
            case 422: return .invalid
            case 429: return .tooManyRequests
            case 500: return .internalError
            case 503: return .serviceUnavailable
            case 504: return .serverTimeout
            default: return .unknown
            }
        }

        /// What to do about it.
        var hint: String? {
            switch self {
            case .unauthorized:
                return "Check the credentials of the kubeconfig user: an expired token, a wrong client certificate, or an exec plugin "
                    + "(such as aws eks get-token) that fails or signs for another cluster"
            case .forbidden:
                return "The user is authenticated but RBAC does not allow this; grant the verb on the resource (kubectl auth can-i)"
            case .notFound:
                return "Check the name, the namespace and the context"
            case .alreadyExists:
                return "Use another name, or get the existing object and patch it"
            case .conflict:
                return "The object changed since it was read: read it again and re-apply the change"
            case .invalid:
                return "Fix the listed fields and send the object again"
            case .gone, .expired:
                return "The resource version is too old: list again and resume from the new version"
            case .tooManyRequests:
                return "The API server is throttling requests; retry later or lower the request rate"
            case .serverTimeout, .timeout, .serviceUnavailable, .internalError:
                return "The API server is overloaded or failing; retry later"
            case .unsupportedMediaType:
                return "The server does not accept this content type (server-side apply needs Kubernetes 1.18 or later)"
            default:
                return nil
            }
        }
    }
}
