import Crypto
import Foundation
import SDKCore

/// Signs HTTP requests with AWS Signature Version 4, for any service and region.
///
/// The canonicalisation is botocore's, byte for byte: the path has its dot segments and repeated
/// slashes removed and is percent-encoded a second time (except for S3), query parameters are
/// sorted and RFC 3986-encoded, header values are trimmed and folded, several values of one header
/// are joined with commas, and the headers that proxies rewrite (`User-Agent`, `Connection` …) are
/// never signed.
///
/// ```swift
/// let signer = SigV4Signer(credentials: credentials, region: "eu-west-1", service: "sts")
/// try signer.sign(&request)                              // adds X-Amz-Date, Authorization …
/// let url = try signer.presign(request, expires: 60)     // a presigned URL instead
/// ```
///
/// The signing key is derived once per day and reused, so one signer can sign many requests
/// cheaply; a signer is immutable and safe to share between tasks.
public struct SigV4Signer: Sendable {
    /// The credentials that sign.
    public let credentials: AWSCredentials
    /// The region of the credential scope, such as `eu-west-1`.
    public let region: String
    /// The signing name of the service, such as `sts`, `ecr`, `eks` or `s3`.
    public let service: String

    let keyCache: SigningKeyCache
    /// `/{region}/{service}/aws4_request`, the end of every credential scope.
    let scopeSuffix: [UInt8]
    /// S3 signs the path as it is (no normalisation, no second encoding) and always sends
    /// `X-Amz-Content-SHA256`.
    let isS3: Bool

    /// Creates a signer for one set of credentials, region and service.
    public init(credentials: AWSCredentials, region: String, service: String) {
        self.credentials = credentials
        self.region = region
        self.service = service
        self.isS3 = service == "s3"
        self.scopeSuffix = Array("/\(region)/\(service)/aws4_request".utf8)
        self.keyCache = SigningKeyCache(secret: credentials.secretAccessKey, region: region, service: service)
    }

    /// The presigned URL's longest lifetime that AWS accepts (7 days), in seconds.
    public static let maximumPresignedLifetime = 604_800

    /// Signs `request` in place: sets `X-Amz-Date` (or rewrites a `Date` header the request
    /// already has), `X-Amz-Security-Token` for temporary credentials, `X-Amz-Content-SHA256` when
    /// the payload is unsigned (always for S3), and `Authorization`.
    ///
    /// - Parameters:
    ///   - date: the signing time; inject it for reproducible signatures.
    ///   - payload: how the body enters the signature; by default its SHA-256.
    /// - Throws: ``SigV4Error`` when the URL is not absolute.
    public func sign(_ request: inout HTTPRequest, date: Date = Date(), payload: Payload = .body) throws {
        _ = try signHeaders(&request, timestamp: keyCache.timestamp(date), payload: payload, wantDetails: false)
    }

    /// What ``sign(_:date:payload:)`` would compute for `request`, without changing it: the
    /// canonical request, the string to sign, the signature and the `Authorization` value.
    public func signingDetails(for request: HTTPRequest, date: Date = Date(), payload: Payload = .body) throws -> SigningDetails {
        var copy = request
        let result = try signHeaders(&copy, timestamp: keyCache.timestamp(date), payload: payload, wantDetails: true)
        return SigningDetails(
            canonicalRequest: result.canonicalRequest,
            stringToSign: result.stringToSign,
            signature: result.signature,
            authorization: result.authorization,
            presignedURL: nil
        )
    }

    /// A presigned URL for `request`: the signature and the credential scope travel in the query
    /// string (`X-Amz-Algorithm`, `X-Amz-Credential`, `X-Amz-Date`, `X-Amz-Expires`,
    /// `X-Amz-SignedHeaders`, `X-Amz-Security-Token`, `X-Amz-Signature`), and the request's headers
    /// (with `Host`) are signed, so whoever uses the URL must send the same headers.
    ///
    /// The body is not signed (the payload hash is that of an empty body; `UNSIGNED-PAYLOAD` for S3).
    ///
    /// - Parameters:
    ///   - expires: lifetime in seconds, 1 to 604800 (7 days).
    ///   - date: the signing time.
    /// - Throws: ``SigV4Error`` for a relative URL or a lifetime out of range.
    public func presign(_ request: HTTPRequest, expires: Int = 3600, date: Date = Date()) throws -> URL {
        let result = try presignCore(request, expires: expires, timestamp: keyCache.timestamp(date), wantDetails: false)
        guard let url = URL(string: result.url) else {
            throw SigV4Error(.invalidURL, "the presigned URL is not a valid URL; percent-encode the path of the request")
        }
        return url
    }

    /// ``presign(_:expires:date:)`` as text: the same presigned URL, without the round trip
    /// through Foundation's URL parser, which costs more than the signature itself. For callers
    /// that put the URL in a string anyway, as an EKS token does.
    ///
    /// - Throws: ``SigV4Error`` for a relative URL or a lifetime out of range.
    public func presignedURLString(for request: HTTPRequest, expires: Int = 3600, date: Date = Date()) throws -> String {
        try presignCore(request, expires: expires, timestamp: keyCache.timestamp(date), wantDetails: false).url
    }

    /// What ``presign(_:expires:date:)`` would compute, with the intermediate steps.
    public func presigningDetails(for request: HTTPRequest, expires: Int = 3600, date: Date = Date()) throws -> SigningDetails {
        let result = try presignCore(request, expires: expires, timestamp: keyCache.timestamp(date), wantDetails: true)
        return SigningDetails(
            canonicalRequest: result.canonicalRequest,
            stringToSign: result.stringToSign,
            signature: result.signature,
            authorization: nil,
            presignedURL: result.url
        )
    }
}
