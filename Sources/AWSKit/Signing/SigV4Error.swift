/// A request that cannot be signed as given.
public struct SigV4Error: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        let name: String
        /// The URL is not absolute (`https://host/path`).
        public static let invalidURL = Code(name: "invalidURL")
        /// A presigned URL's lifetime is outside 1 second … 7 days.
        public static let invalidExpiry = Code(name: "invalidExpiry")
        /// The code's name.
        public var description: String { name }
    }

    /// What went wrong.
    public let code: Code
    /// The problem and how to fix it.
    public let message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { "cannot sign the request: \(message)" }
}
