import Foundation
import SDKCore

/// A bearer token and, when known, when it stops being accepted.
public struct AccessToken: Sendable, CustomStringConvertible {
    /// The token.
    public var token: Secret
    /// When the server stops accepting it; `nil` when it does not expire (or nobody said).
    public var expiresAt: Date?

    /// A token with an optional expiry.
    public init(token: Secret, expiresAt: Date? = nil) {
        self.token = token
        self.expiresAt = expiresAt
    }

    /// Whether the token should be replaced at `now`, given a safety `margin` before expiry.
    public func needsRefresh(at now: Date, margin: Duration) -> Bool {
        guard let expiresAt else { return false }
        return now.addingTimeInterval(TimeInterval(margin.nanoseconds) / 1e9) >= expiresAt
    }

    /// The expiry only; the token is never printed.
    public var description: String {
        "AccessToken(token: <redacted>, expiresAt: \(expiresAt.map { RFC3339.string(from: $0) } ?? "never"))"
    }
}
