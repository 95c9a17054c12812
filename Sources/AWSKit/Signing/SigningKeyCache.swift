import Crypto
import Foundation
import SDKCore
import Synchronization

/// The derived SigV4 signing key of one secret, region and service, kept for the day it belongs
/// to — as a ``PreparedHMAC`` whose key is already absorbed, so that each signature only copies
/// its two hash states, feeds the string to sign and finalises. Deriving the key takes four
/// HMACs, which would otherwise be most of the cost of a signature.
final class SigningKeyCache: Sendable {
    private let secret: Secret
    private let region: String
    private let service: String
    private let current = Mutex<(date: String, hmac: PreparedHMAC)?>(nil)
    private let lastTimestamp = Mutex<SigV4Timestamp?>(nil)

    init(secret: Secret, region: String, service: String) {
        self.secret = secret
        self.region = region
        self.service = service
    }

    /// The HMAC keyed with the signing key of `date` (`yyyyMMdd`).
    func hmac(for date: String) -> PreparedHMAC {
        if let cached = current.withLock({ $0 }), cached.date == date { return cached.hmac }
        let prepared = PreparedHMAC(key: Self.derive(secret: secret, date: date, region: region, service: service))
        current.withLock { $0 = (date, prepared) }
        return prepared
    }

    /// The SigV4 forms of `date`, reused while the second does not change (a burst of requests).
    func timestamp(_ date: Date) -> SigV4Timestamp {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        if let last = lastTimestamp.withLock({ $0 }), last.epochSeconds == seconds { return last }
        let fresh = SigV4Timestamp(date)
        lastTimestamp.withLock { $0 = fresh }
        return fresh
    }

    static func derive(secret: Secret, date: String, region: String, service: String) -> SymmetricKey {
        let seed = SymmetricKey(data: Array(("AWS4" + secret.value).utf8))
        let dateKey = SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Array(date.utf8), using: seed))
        let regionKey = SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Array(region.utf8), using: dateKey))
        let serviceKey = SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Array(service.utf8), using: regionKey))
        return SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Array("aws4_request".utf8), using: serviceKey))
    }
}
