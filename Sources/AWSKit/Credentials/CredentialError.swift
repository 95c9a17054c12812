/// Credentials could not be found or obtained.
///
/// Messages say what is wrong and how to fix it, and never contain a secret.
public struct CredentialError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        let name: String
        /// This source is not set up at all (the chain tries the next one).
        public static let notConfigured = Code(name: "notConfigured")
        /// No source of the chain yielded credentials.
        public static let noCredentials = Code(name: "noCredentials")
        /// A source is set up only in part, such as an access key without its secret.
        public static let incompleteConfiguration = Code(name: "incompleteConfiguration")
        /// The shared config or credentials file is malformed, or a profile is inconsistent.
        public static let invalidConfiguration = Code(name: "invalidConfiguration")
        /// A named profile does not exist.
        public static let profileNotFound = Code(name: "profileNotFound")
        /// A source was reached but failed (HTTP error, bad reply, failed process, STS error).
        public static let providerFailed = Code(name: "providerFailed")
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
