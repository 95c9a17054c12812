/// A failure of the sandbox itself (bad configuration, unreadable seed files, a port in use),
/// as opposed to an API error, which is answered to the client as a `Status`.
public struct SandboxError: Error, Sendable, CustomStringConvertible, Equatable {
    /// What kind of failure this is.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// A JSON document could not be parsed.
        public static let invalidJSON = Code("invalidJSON")
        /// A YAML document could not be parsed.
        public static let invalidYAML = Code("invalidYAML")
        /// The configuration is not usable.
        public static let invalidConfiguration = Code("invalidConfiguration")
        /// A seed object could not be stored.
        public static let invalidSeed = Code("invalidSeed")
        /// The server could not start listening.
        public static let bindFailed = Code("bindFailed")
        /// Certificates could not be generated.
        public static let tlsSetupFailed = Code("tlsSetupFailed")
        /// A file could not be read or written.
        public static let fileError = Code("fileError")
        /// The code's name.
        public var description: String { name }
    }

    /// What kind of failure this is.
    public let code: Code
    /// What went wrong and how to fix it.
    public let message: String

    /// Makes an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
