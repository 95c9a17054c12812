import Foundation
import SDKCore

/// A set of AWS credentials: an access key id, its secret, and for temporary credentials a
/// session token and an expiry.
///
/// The secret parts are ``Secret`` values, so printing, logging or dumping credentials never shows
/// them; ``description`` shows only the key's four-letter prefix (`AKIA` long-term, `ASIA`
/// temporary) and the expiry.
public struct AWSCredentials: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The access key id (not a secret; it names the key and appears in every signature).
    public var accessKeyId: String
    /// The secret access key.
    public var secretAccessKey: Secret
    /// The session token of temporary credentials.
    public var sessionToken: Secret?
    /// When temporary credentials stop working; `nil` for long-term keys.
    public var expiration: Date?

    /// Creates credentials from their parts.
    public init(accessKeyId: String, secretAccessKey: Secret, sessionToken: Secret? = nil, expiration: Date? = nil) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
    }

    /// Creates credentials from plain strings (for example read from a vault); an empty session
    /// token counts as none.
    public init(accessKeyId: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Date? = nil) {
        self.init(
            accessKeyId: accessKeyId,
            secretAccessKey: Secret(secretAccessKey),
            sessionToken: sessionToken.flatMap { $0.isEmpty ? nil : Secret($0) },
            expiration: expiration
        )
    }

    /// Whether the credentials expire within `margin` of `now` (never, for long-term keys).
    public func expires(within margin: Duration, of now: Date = Date()) -> Bool {
        guard let expiration else { return false }
        return expiration.timeIntervalSince(now) <= Double(margin.components.seconds)
    }

    /// A redacted summary: the key prefix and the expiry, never a secret.
    public var description: String {
        var text = "AWSCredentials(accessKeyId: \(Self.redactedKeyId(accessKeyId)), secretAccessKey: <redacted>"
        if sessionToken != nil { text += ", sessionToken: <redacted>" }
        if let expiration { text += ", expiration: \(expiration.formatted(.iso8601))" }
        return text + ")"
    }

    /// Same as ``description``.
    public var debugDescription: String { description }

    /// A mirror without children, so that `dump` shows nothing secret either.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }

    static func redactedKeyId(_ keyId: String) -> String {
        keyId.count > 4 ? "\(keyId.prefix(4))…" : "<redacted>"
    }
}
