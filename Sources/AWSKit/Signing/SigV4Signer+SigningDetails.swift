extension SigV4Signer {
    /// The intermediate and final values of one signature, for tests and troubleshooting
    /// (compare them with a `SignatureDoesNotMatch` reply's canonical request).
    ///
    /// The canonical request and the presigned URL can hold a session token, so the
    /// ``description`` of this value shows only the signature.
    public struct SigningDetails: Sendable, Hashable, CustomStringConvertible, CustomReflectable {
        /// The canonical request, lines joined with `\n`.
        public var canonicalRequest: String
        /// `AWS4-HMAC-SHA256`, the timestamp, the credential scope and the canonical request's hash.
        public var stringToSign: String
        /// The signature in lower-case hex.
        public var signature: String
        /// The `Authorization` header value (header signing only).
        public var authorization: String?
        /// The presigned URL (presigning only).
        public var presignedURL: String?

        /// Shows the signature only.
        public var description: String { "SigningDetails(signature: \(signature))" }
        /// A mirror without children, so that `dump` cannot show a session token.
        public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
    }
}
