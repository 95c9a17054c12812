/// A local problem with an AWS call: bad settings, or a reply that cannot be understood.
public struct AWSClientError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        let name: String
        /// No region is configured.
        public static let missingRegion = Code(name: "missingRegion")
        /// A region name is not valid.
        public static let invalidRegion = Code(name: "invalidRegion")
        /// An endpoint override is not an http(s) URL.
        public static let invalidEndpoint = Code(name: "invalidEndpoint")
        /// A parameter is not acceptable (checked before anything is sent).
        public static let invalidParameter = Code(name: "invalidParameter")
        /// The service's reply is not what the API defines.
        public static let invalidResponse = Code(name: "invalidResponse")
        /// An EKS cluster's certificate authority is not a PEM certificate.
        public static let invalidCertificateAuthority = Code(name: "invalidCertificateAuthority")
        /// The code's name.
        public var description: String { name }
    }

    /// What went wrong.
    public let code: Code
    /// The problem and how to fix it.
    public let message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
