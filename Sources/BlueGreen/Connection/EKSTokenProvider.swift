import AWSKit
import KubeKit
import SDKCore

/// AWSKit's EKS tokens through KubeKit's bearer-token seam: the token is reused until its
/// 14-minute expiry and remade once when the API server refuses it (401).
public struct EKSTokenProvider: TokenProvider {
    public let source: EKSTokenSource

    public init(source: EKSTokenSource) {
        self.source = source
    }

    public func token(forceRefresh: Bool) async throws -> Secret {
        if forceRefresh { await source.invalidate() }
        return try await source.token().token
    }
}
