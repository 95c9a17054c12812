import Crypto
import SDKCore
import Synchronization

/// The derived SigV4 signing key of one secret, region and service, kept for the day it belongs
/// to: deriving it takes four HMACs, which would otherwise be most of the cost of a signature.
final class SigningKeyCache: Sendable {
    private let secret: Secret
    private let region: String
    private let service: String
    private let current = Mutex<(date: Substring, key: SymmetricKey)?>(nil)

    init(secret: Secret, region: String, service: String) {
        self.secret = secret
        self.region = region
        self.service = service
    }

    /// The key for `date` (`yyyyMMdd`).
    func key(for date: Substring) -> SymmetricKey {
        if let cached = current.withLock({ $0 }), cached.date == date { return cached.key }
        let key = Self.derive(secret: secret, date: date, region: region, service: service)
        current.withLock { $0 = (date, key) }
        return key
    }

    static func derive(secret: Secret, date: Substring, region: String, service: String) -> SymmetricKey {
        let seed = SymmetricKey(data: Array(("AWS4" + secret.value).utf8))
        let dateKey = SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Array(date.utf8), using: seed))
        let regionKey = SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Array(region.utf8), using: dateKey))
        let serviceKey = SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Array(service.utf8), using: regionKey))
        return SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Array("aws4_request".utf8), using: serviceKey))
    }
}
