extension SigV4Signer {
    /// How the request body enters the signature.
    public struct Payload: Sendable, Hashable {
        enum Kind: Sendable, Hashable {
            case body
            case unsigned
            case precomputed(String)
        }

        let kind: Kind

        /// The SHA-256 of the request's body (of an empty body when there is none).
        public static let body = Payload(kind: .body)
        /// `UNSIGNED-PAYLOAD`: the body is not part of the signature, and the request says so
        /// with `X-Amz-Content-SHA256: UNSIGNED-PAYLOAD`. Use over HTTPS for large or streamed bodies.
        public static let unsigned = Payload(kind: .unsigned)
        /// A SHA-256 the caller already computed, as 64 lower-case hex digits.
        public static func sha256(hex: String) -> Payload { Payload(kind: .precomputed(hex)) }

        /// The literal that stands for an unsigned payload.
        public static let unsignedLiteral = "UNSIGNED-PAYLOAD"
        /// The SHA-256 of an empty body.
        public static let emptySHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    }
}
