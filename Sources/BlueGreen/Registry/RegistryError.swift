/// A failed registry lookup.
public struct RegistryError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: Sendable, Hashable {
        let name: String
        /// The repository or the tag does not exist.
        public static let notFound = Code(name: "notFound")
        /// Credentials missing or refused.
        public static let unauthorized = Code(name: "unauthorized")
        /// Anything else (unreachable, 5xx after retries, malformed replies).
        public static let failed = Code(name: "failed")
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
