/// Why a pipeline step stopped, with the exit code of the CLI contract.
public struct DeployFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kinds of failure, each with its exit code.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        public let name: String
        public let exitCode: Int32

        /// Bad input: a flag, a name, a template, an image that does not exist. Exit 2.
        public static let invalidInput = Kind(name: "invalid-input", exitCode: 2)
        /// No room for another version. Exit 3.
        public static let noCapacity = Kind(name: "no-capacity", exitCode: 3)
        /// The new version did not become ready, or verification failed; traffic untouched. Exit 4.
        public static let notReady = Kind(name: "not-ready", exitCode: 4)
        /// Another pipeline holds the lock, or a concurrent change won. Exit 5.
        public static let locked = Kind(name: "locked", exitCode: 5)
        /// Credentials missing, expired or not allowed. Exit 6.
        public static let unauthorized = Kind(name: "unauthorized", exitCode: 6)
        /// Anything else. Exit 1.
        public static let failed = Kind(name: "failed", exitCode: 1)

        public var description: String { name }
    }

    public var kind: Kind
    public var message: String
    /// Per-pod reasons for a failed rollout ("web-42-7c9d-x2k: ImagePullBackOff: …").
    public var details: [String]

    public init(_ kind: Kind, _ message: String, details: [String] = []) {
        self.kind = kind
        self.message = message
        self.details = details
    }

    public var exitCode: Int32 { kind.exitCode }
    public var description: String { ([message] + details.map { "  \($0)" }).joined(separator: "\n") }
}
