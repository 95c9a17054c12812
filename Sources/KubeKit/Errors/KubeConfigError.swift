/// A kubeconfig (or in-cluster configuration) that cannot be used: the message names the file,
/// the entry and the problem, and says how to fix it.
public struct KubeConfigError: Error, Sendable, CustomStringConvertible {
    /// What kind of problem it is.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        let name: String
        /// The code's name.
        public var description: String { name }

        /// No kubeconfig file and no in-cluster service account.
        public static let noConfiguration = Code(name: "noConfiguration")
        /// A file named explicitly does not exist or cannot be read.
        public static let unreadableFile = Code(name: "unreadableFile")
        /// A file is not valid YAML or not a kubeconfig.
        public static let malformed = Code(name: "malformed")
        /// A context, cluster or user is missing.
        public static let missingEntry = Code(name: "missingEntry")
        /// An entry's value is invalid or contradicts another.
        public static let invalidValue = Code(name: "invalidValue")
        /// The configuration asks for something KubeKit does not support.
        public static let unsupported = Code(name: "unsupported")
    }

    /// The kind of problem.
    public var code: Code
    /// The file the problem is in, when there is one.
    public var file: String?
    /// The entry, such as `user "eks-admin"` or `context "prod"`.
    public var entry: String?
    /// The problem and its fix.
    public var message: String

    /// An error about `entry` in `file`.
    public init(_ code: Code, file: String? = nil, entry: String? = nil, _ message: String) {
        self.code = code
        self.file = file
        self.entry = entry
        self.message = message
    }

    /// `kubeconfig <file>: <entry>: <problem and fix>`.
    public var description: String {
        var prefix = "kubeconfig"
        if let file { prefix += " \(file)" }
        if let entry { prefix += ": \(entry)" }
        return "\(prefix): \(message)"
    }
}
