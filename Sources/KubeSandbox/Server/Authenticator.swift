import Synchronization

/// Who a request comes from: a verified client certificate, an accepted bearer token, or nobody.
final class Authenticator: Sendable {
    struct Identity: Sendable, Equatable {
        var name: String
        var groups: [String]
    }

    /// The user name bearer-token requests authenticate as.
    static let tokenUser = "sandbox-token-user"

    private let tokens: Mutex<Set<String>>
    let allowAnonymous: Bool

    init(tokens: Set<String>, allowAnonymous: Bool) {
        self.tokens = Mutex(tokens)
        self.allowAnonymous = allowAnonymous
    }

    func setTokens(_ new: Set<String>) { tokens.withLock { $0 = new } }

    /// Paths a real server lets anyone read (`system:public-info-viewer`).
    private static let publicPaths: Set<String> = ["/healthz", "/livez", "/readyz", "/version"]

    /// The identity of a request; nil for an allowed anonymous request.
    /// - Throws: ``APIError`` 401 for a wrong token, or no credentials where they are required.
    func authenticate(_ request: APIRequest, path: String) throws -> Identity? {
        if let header = request.header("Authorization") {
            let parts = header.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" {
                let token = String(parts[1]).trimmingCharacters(in: .whitespaces)
                if tokens.withLock({ $0.contains(token) }) {
                    return Identity(name: Self.tokenUser, groups: ["system:masters", "system:authenticated"])
                }
                throw APIError.unauthorized()
            }
        }
        if let user = request.certificateUser {
            return Identity(name: user.name, groups: user.groups + ["system:authenticated"])
        }
        if allowAnonymous || Self.publicPaths.contains(path) { return nil }
        throw APIError.unauthorized()
    }
}
