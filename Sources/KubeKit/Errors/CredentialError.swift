/// Credentials could not be obtained: an exec plugin failed or printed something unusable, or a
/// token file could not be read. Messages never contain the credential itself.
public struct CredentialError: Error, Sendable, CustomStringConvertible {
    /// What kind of problem it is.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        let name: String
        /// The code's name.
        public var description: String { name }

        /// The exec plugin could not be started (not installed, not executable).
        public static let pluginNotFound = Code(name: "pluginNotFound")
        /// The exec plugin exited with a failure or timed out.
        public static let pluginFailed = Code(name: "pluginFailed")
        /// The exec plugin's output is not a usable `ExecCredential`.
        public static let invalidCredential = Code(name: "invalidCredential")
        /// The plugin needs a terminal (`interactiveMode: Always`) and there is none.
        public static let interactionRequired = Code(name: "interactionRequired")
        /// A token file is missing, unreadable or empty.
        public static let tokenFileUnreadable = Code(name: "tokenFileUnreadable")
    }

    /// The kind of problem.
    public var code: Code
    /// The problem and its fix.
    public var message: String

    /// A credential error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The problem and its fix.
    public var description: String { message }
}
