import Foundation
import SDKCore

/// Puts credentials on requests and handles a 401: it asks the provider for a newer token
/// unless another request has already obtained one since the rejected token was issued (so that
/// concurrent 401s cause one refresh, not one each).
struct Authenticator: Sendable {
    let authentication: Authentication

    /// The `Authorization` header value for the next request, and the token it carries.
    func authorization() async throws -> (header: String, token: Secret)? {
        switch authentication.kind {
        case .none:
            return nil
        case .provider(let provider, _):
            let token = try await provider.token(forceRefresh: false)
            return ("Bearer \(token.value)", token)
        case .basic(let username, let password):
            let encoded = Data("\(username):\(password.value)".utf8).base64EncodedString()
            return ("Basic \(encoded)", password)
        }
    }

    /// After a 401 for `rejected`: a header with a different token, or `nil` when there is no
    /// other token to try.
    func authorization(afterRejecting rejected: Secret?) async throws -> (header: String, token: Secret)? {
        guard case .provider(let provider, let refreshable) = authentication.kind, refreshable else { return nil }
        let current = try await provider.token(forceRefresh: false)
        if let rejected, current != rejected {
            return ("Bearer \(current.value)", current)
        }
        let fresh = try await provider.token(forceRefresh: true)
        if let rejected, fresh == rejected { return nil }
        return ("Bearer \(fresh.value)", fresh)
    }
}
