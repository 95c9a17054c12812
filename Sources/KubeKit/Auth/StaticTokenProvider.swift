import SDKCore

/// A fixed token.
struct StaticTokenProvider: TokenProvider {
    let token: Secret
    func token(forceRefresh: Bool) async throws -> Secret { token }
}
