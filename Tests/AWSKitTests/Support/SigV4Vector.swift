import AWSKit
import Foundation
import SDKCore

/// One request and what botocore computed for it, as written by `scripts/sigv4/gen_vectors.py`.
struct SigV4Vector: Decodable, Sendable {
    struct Expected: Decodable, Sendable {
        var canonicalRequest: String
        var stringToSign: String
        var signature: String
        var authorization: String?
        var presignedURL: String?
    }

    struct Document: Decodable, Sendable {
        var botocore: String
        var seed: Int
        var vectors: [SigV4Vector]
    }

    var name: String
    var kind: String
    var method: String
    var url: String
    var headers: [[String]]
    var body: String?
    var service: String
    var region: String
    var accessKeyId: String
    var secretAccessKey: String
    var sessionToken: String?
    var date: Int
    var payload: String
    var expires: Int?
    var expected: Expected

    var signer: SigV4Signer {
        SigV4Signer(
            credentials: AWSCredentials(accessKeyId: accessKeyId, secretAccessKey: secretAccessKey, sessionToken: sessionToken),
            region: region,
            service: service
        )
    }

    func request() throws -> HTTPRequest {
        guard let url = URL(string: url) else { throw VectorError(message: "\(name): Foundation cannot parse \(self.url)") }
        guard url.absoluteString == self.url else {
            throw VectorError(message: "\(name): Foundation rewrote \(self.url) as \(url.absoluteString)")
        }
        let fields = HTTPHeaderFields(headers.map { ($0[0], $0[1]) })
        return HTTPRequest(method: method, url: url, headers: fields, body: body.flatMap { Data(base64Encoded: $0) })
    }

    /// What AWSKit computes for this vector, in the same shape as `expected`.
    func actual() throws -> Expected {
        let signingDate = Date(timeIntervalSince1970: TimeInterval(date))
        let request = try request()
        if kind == "presign" {
            let details = try signer.presigningDetails(for: request, expires: expires ?? 3600, date: signingDate)
            let url = try signer.presign(request, expires: expires ?? 3600, date: signingDate)
            guard url.absoluteString == details.presignedURL else {
                throw VectorError(message: "\(name): presign() and presigningDetails() disagree")
            }
            let text = try signer.presignedURLString(for: request, expires: expires ?? 3600, date: signingDate)
            guard text == details.presignedURL else {
                throw VectorError(message: "\(name): presignedURLString(for:) and presigningDetails() disagree")
            }
            return Expected(
                canonicalRequest: details.canonicalRequest, stringToSign: details.stringToSign, signature: details.signature,
                authorization: nil, presignedURL: details.presignedURL)
        }
        let payload: SigV4Signer.Payload = self.payload == "unsigned" ? .unsigned : .body
        let details = try signer.signingDetails(for: request, date: signingDate, payload: payload)
        var signed = request
        try signer.sign(&signed, date: signingDate, payload: payload)
        guard signed.headers["Authorization"] == details.authorization else {
            throw VectorError(message: "\(name): sign() and signingDetails() disagree")
        }
        return Expected(
            canonicalRequest: details.canonicalRequest, stringToSign: details.stringToSign, signature: details.signature,
            authorization: details.authorization, presignedURL: nil)
    }

    /// The first field that differs from botocore's, or `nil` when all match byte for byte.
    func firstDifference() throws -> String? {
        let actual = try actual()
        for (field, mine, theirs) in [
            ("canonical request", actual.canonicalRequest, expected.canonicalRequest),
            ("string to sign", actual.stringToSign, expected.stringToSign),
            ("signature", actual.signature, expected.signature),
            ("Authorization", actual.authorization ?? "", expected.authorization ?? ""),
            ("presigned URL", actual.presignedURL ?? "", expected.presignedURL ?? ""),
        ] where mine != theirs {
            return "\(name): \(field) differs\n  AWSKit:   \(mine.debugDescription)\n  botocore: \(theirs.debugDescription)\n  url: \(url)"
        }
        return nil
    }

    /// The differences of every vector (an error while signing counts as one).
    static func differences(_ vectors: [SigV4Vector]) -> [String] {
        vectors.compactMap { vector in
            do {
                return try vector.firstDifference()
            } catch {
                return "\(vector.name): \(error)"
            }
        }
    }

    static func load(_ url: URL) throws -> Document {
        try JSONDecoder().decode(Document.self, from: Data(contentsOf: url))
    }
}

struct VectorError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
