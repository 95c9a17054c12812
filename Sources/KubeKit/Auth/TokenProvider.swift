import SDKCore

/// The seam through which bearer tokens reach the client: exec plugins, token files and static
/// tokens are implementations, and so is anything you plug in (such as the EKS token from
/// AWSKit, with no subprocess).
///
/// The client asks for a token before each request. When the server answers 401, it asks once
/// more with `forceRefresh: true` and repeats the request once with the new token.
public protocol TokenProvider: Sendable {
    /// A bearer token. With `forceRefresh`, the provider must not return a cached token (the
    /// server has just rejected it); otherwise it may.
    func token(forceRefresh: Bool) async throws -> Secret
}
