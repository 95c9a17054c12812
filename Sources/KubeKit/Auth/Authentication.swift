import SDKCore

/// How requests prove who is calling, besides a client certificate (which is part of TLS):
/// nothing, a bearer token, a token file, basic credentials, or any ``TokenProvider``.
public struct Authentication: Sendable, CustomStringConvertible {
    enum Kind: Sendable {
        case none
        case provider(any TokenProvider, refreshable: Bool)
        case basic(username: String, password: Secret)
    }

    let kind: Kind

    /// No `Authorization` header (client certificates still apply).
    public static let none = Authentication(kind: .none)

    /// A fixed bearer token. A 401 is final: there is nothing to refresh.
    public static func bearerToken(_ token: Secret) -> Authentication {
        Authentication(kind: .provider(StaticTokenProvider(token: token), refreshable: false))
    }

    /// A token read from a file, and read again when the file changes or the server rejects it.
    public static func tokenFile(_ path: String) -> Authentication {
        Authentication(kind: .provider(TokenFileProvider(path: path), refreshable: true))
    }

    /// Tokens from a provider (an exec plugin, the EKS token, your own), asked again with
    /// `forceRefresh: true` once when the server answers 401.
    public static func tokenProvider(_ provider: any TokenProvider) -> Authentication {
        Authentication(kind: .provider(provider, refreshable: true))
    }

    /// HTTP basic authentication (rarely enabled on clusters).
    public static func basic(username: String, password: Secret) -> Authentication {
        Authentication(kind: .basic(username: username, password: password))
    }

    /// The method, never the credential.
    public var description: String {
        switch kind {
        case .none: return "none"
        case .provider(let provider, _): return "token (\(type(of: provider)))"
        case .basic(let username, _): return "basic (\(username))"
        }
    }
}
