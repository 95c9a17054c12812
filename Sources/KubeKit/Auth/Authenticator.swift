import Foundation
import SDKCore

/// Puts credentials on requests and handles a 401. After a 401 it uses a newer token if another
/// request already obtained one; otherwise it forces one refresh, shared by every request that
/// was rejected with the same token, so that concurrent 401s cause one refresh, not one each.
final class Authenticator: Sendable {
    let authentication: Authentication
    private let coordinator = RefreshCoordinator()

    init(authentication: Authentication) {
        self.authentication = authentication
    }

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
        guard case .provider(let provider, let refreshable) = authentication.kind, refreshable, let rejected else { return nil }
        let current = try await provider.token(forceRefresh: false)
        let fresh = current != rejected ? current : try await coordinator.refresh(after: rejected, using: provider)
        guard fresh != rejected else { return nil }
        return ("Bearer \(fresh.value)", fresh)
    }

    /// One forced refresh per rejected token.
    private actor RefreshCoordinator {
        private var last: (rejected: Secret, refresh: Task<Secret, any Error>)?

        func refresh(after rejected: Secret, using provider: any TokenProvider) async throws -> Secret {
            if let last, last.rejected == rejected { return try await last.refresh.value }
            let refresh = Task { try await provider.token(forceRefresh: true) }
            last = (rejected, refresh)
            return try await refresh.value
        }
    }
}
