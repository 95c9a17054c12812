/// An error reply from an AWS service, whatever its protocol (query/XML for STS, JSON for ECR
/// and EKS): the service's error code and message, the HTTP status and the request id.
///
/// Messages are scrubbed of session tokens before they are stored (a `SignatureDoesNotMatch`
/// reply quotes the canonical request, token included).
public struct AWSError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The service's error code, such as `AccessDenied` or `RepositoryNotFoundException`.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        /// The code as the service spells it.
        public let rawValue: String
        /// Creates a code.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The code.
        public var description: String { rawValue }

        /// STS / IAM: the caller is not allowed.
        public static let accessDenied = Code(rawValue: "AccessDenied")
        /// JSON services: the caller is not allowed.
        public static let accessDeniedException = Code(rawValue: "AccessDeniedException")
        /// The request's signature does not match.
        public static let signatureDoesNotMatch = Code(rawValue: "SignatureDoesNotMatch")
        /// The access key id is not known.
        public static let invalidClientTokenId = Code(rawValue: "InvalidClientTokenId")
        /// JSON services: the access key id is not known.
        public static let unrecognizedClient = Code(rawValue: "UnrecognizedClientException")
        /// The session token has expired.
        public static let expiredToken = Code(rawValue: "ExpiredToken")
        /// JSON services: the session token has expired.
        public static let expiredTokenException = Code(rawValue: "ExpiredTokenException")
        /// Too many requests.
        public static let throttling = Code(rawValue: "Throttling")
        /// JSON services: too many requests.
        public static let throttlingException = Code(rawValue: "ThrottlingException")
        /// ECR: the repository does not exist.
        public static let repositoryNotFound = Code(rawValue: "RepositoryNotFoundException")
        /// ECR: the repository exists already.
        public static let repositoryAlreadyExists = Code(rawValue: "RepositoryAlreadyExistsException")
        /// ECR: the image does not exist.
        public static let imageNotFound = Code(rawValue: "ImageNotFoundException")
        /// EKS: the cluster or node group does not exist.
        public static let resourceNotFound = Code(rawValue: "ResourceNotFoundException")
    }

    /// The service's error code.
    public var code: Code
    /// The service's message (scrubbed of secrets).
    public var message: String
    /// The HTTP status of the reply.
    public var status: Int
    /// The request id, for AWS support.
    public var requestID: String?
    /// The service (`sts`, `ecr`, `eks`).
    public var service: String
    /// The operation (`AssumeRole`, `DescribeCluster` …).
    public var operation: String

    /// Creates an error.
    public init(code: Code, message: String, status: Int, requestID: String?, service: String, operation: String) {
        self.code = code
        self.message = message
        self.status = status
        self.requestID = requestID
        self.service = service
        self.operation = operation
    }

    static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded", "BandwidthLimitExceeded",
        "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException",
    ]

    static let authorizationCodes: Set<String> = [
        "AccessDenied", "AccessDeniedException", "SignatureDoesNotMatch", "InvalidClientTokenId", "UnrecognizedClientException",
        "ExpiredToken", "ExpiredTokenException", "InvalidAccessKeyId", "InvalidToken", "MissingAuthenticationToken",
        "IncompleteSignature", "AuthFailure", "UnauthorizedOperation", "RequestExpired", "InvalidIdentityToken", "IDPRejectedClaim",
    ]

    /// Whether the service refused because of the request rate; such a request was not carried
    /// out and may be repeated.
    public var isThrottling: Bool { status == 429 || Self.throttlingCodes.contains(code.rawValue) }

    /// Whether the credentials are missing, wrong, expired or not allowed to do this.
    public var isAuthorizationFailure: Bool { status == 401 || status == 403 || Self.authorizationCodes.contains(code.rawValue) }

    /// The service's words plus what to do about it.
    public var description: String {
        var text = "\(service) \(operation) failed: \(code.rawValue)"
        if !message.isEmpty { text += ": \(message)" }
        text += " (HTTP \(status)"
        if let requestID { text += ", request id \(requestID)" }
        text += ")"
        if isAuthorizationFailure {
            text += ". Check which credentials are in use (AWS_PROFILE, AWS_ACCESS_KEY_ID, the role) and that their IAM policy allows \(service):\(operation)"
        } else if isThrottling {
            text += ". The service is throttling requests; retry later or lower the request rate"
        }
        return text
    }
}
