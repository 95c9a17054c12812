import AWSKit
import Foundation
import SDKCore
import Testing

struct SigV4SignerTests {
    static let date = Date(timeIntervalSince1970: 1_440_938_160)  // 20150830T123600Z
    static let signer = SigV4Signer(
        credentials: AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"), region: "us-east-1",
        service: "service")

    /// Signing adds X-Amz-Date and an Authorization header in the documented form (the AWS
    /// suite's get-vanilla answer), and a session token header for temporary credentials.
    @Test func signAddsHeaders() throws {
        var request = HTTPRequest(method: "GET", url: URL(string: "https://example.amazonaws.com/")!)
        try Self.signer.sign(&request, date: Self.date)
        #expect(request.headers["X-Amz-Date"] == "20150830T123600Z")
        #expect(
            request.headers["Authorization"]
                == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
        let temporary = SigV4Signer(credentials: AWSCredentials(accessKeyId: "ASIA", secretAccessKey: "s", sessionToken: "tok"), region: "eu-west-1", service: "sts")
        var second = HTTPRequest(method: "GET", url: URL(string: "https://sts.eu-west-1.amazonaws.com/")!)
        try temporary.sign(&second, date: Self.date)
        #expect(second.headers["X-Amz-Security-Token"] == "tok")
        #expect(second.headers["Authorization"]?.contains("SignedHeaders=host;x-amz-date;x-amz-security-token,") == true)
    }

    /// Signing twice (a retry) replaces the old Authorization and date instead of adding more.
    @Test func resigningReplaces() throws {
        var request = HTTPRequest(method: "GET", url: URL(string: "https://example.amazonaws.com/")!)
        try Self.signer.sign(&request, date: Self.date)
        try Self.signer.sign(&request, date: Self.date.addingTimeInterval(60))
        #expect(request.headers.values(for: "Authorization").count == 1)
        #expect(request.headers.values(for: "X-Amz-Date") == ["20150830T123700Z"])
    }

    /// The payload options: the body's hash, UNSIGNED-PAYLOAD (with its header), a precomputed hash.
    @Test func payloadOptions() throws {
        let body = Data("hello".utf8)
        let request = HTTPRequest(method: "PUT", url: URL(string: "https://example.amazonaws.com/x")!, body: body)
        let hashed = try Self.signer.signingDetails(for: request, date: Self.date)
        #expect(hashed.canonicalRequest.hasSuffix("\n2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"))
        var unsigned = request
        try Self.signer.sign(&unsigned, date: Self.date, payload: .unsigned)
        #expect(unsigned.headers["X-Amz-Content-SHA256"] == "UNSIGNED-PAYLOAD")
        let precomputed = try Self.signer.signingDetails(for: request, date: Self.date, payload: .sha256(hex: String(repeating: "a", count: 64)))
        #expect(precomputed.canonicalRequest.hasSuffix("\n" + String(repeating: "a", count: 64)))
    }

    /// The signature changes with the day (the signing key is derived per date), and signing the
    /// same request on the same day gives the same signature.
    @Test func signingKeyFollowsTheDate() throws {
        let request = HTTPRequest(method: "GET", url: URL(string: "https://example.amazonaws.com/")!)
        let first = try Self.signer.signingDetails(for: request, date: Self.date).signature
        let again = try Self.signer.signingDetails(for: request, date: Self.date).signature
        let nextDay = try Self.signer.signingDetails(for: request, date: Self.date.addingTimeInterval(86_400)).signature
        #expect(first == again)
        #expect(first != nextDay)
    }

    /// Presigned URL lifetimes outside 1 second … 7 days are refused with the allowed range.
    @Test(arguments: [0, -5, 604_801])
    func presignLifetimeIsChecked(expires: Int) throws {
        let request = HTTPRequest(method: "GET", url: URL(string: "https://example.amazonaws.com/")!)
        let error = try #require(throws: SigV4Error.self) { try Self.signer.presign(request, expires: expires, date: Self.date) }
        #expect(error.code == .invalidExpiry)
        #expect(error.message.contains("604800"))
    }

    /// A relative URL cannot be signed, and the error says what a valid one looks like.
    @Test func relativeURLIsRefused() throws {
        var request = HTTPRequest(method: "GET", url: URL(string: "/just/a/path")!)
        let error = try #require(throws: SigV4Error.self) { try Self.signer.sign(&request, date: Self.date) }
        #expect(error.code == .invalidURL)
        #expect(error.message.contains("https://"))
    }

    /// Text before `://` that is not an RFC 3986 scheme (found by FuzzSigV4: `#ttps://` is a
    /// fragment, which was signed and presigned into a URL without a query) is refused by header
    /// signing and presigning alike.
    @Test(arguments: ["#ttps://sts.amazonaws.com/", "?q=a://sts.amazonaws.com/"])
    func invalidSchemeIsRefused(url: String) throws {
        let target = try #require(URL(string: url))
        var request = HTTPRequest(method: "GET", url: target)
        let signError = try #require(throws: SigV4Error.self) { try Self.signer.sign(&request, date: Self.date) }
        #expect(signError.code == .invalidURL)
        let presignError = try #require(throws: SigV4Error.self) { try Self.signer.presign(request, expires: 60, date: Self.date) }
        #expect(presignError.code == .invalidURL)
        // A scheme with digits, '+', '-' and '.' after the first letter is valid.
        let valid = HTTPRequest(method: "GET", url: try #require(URL(string: "git+ssh.v-2://sts.amazonaws.com/")))
        #expect(throws: Never.self) { try Self.signer.presign(valid, expires: 60, date: Self.date) }
    }

    /// Degenerate queries (only separators, empty keys and values) sign without trouble, each
    /// empty pair as botocore writes it.
    @Test func degenerateQueries() throws {
        for (query, canonical) in [("&", "=&="), ("=", "="), ("&&a", "=&=&a="), ("a=&=b", "=b&a=")] {
            let request = HTTPRequest(method: "GET", url: URL(string: "https://example.amazonaws.com/?\(query)")!)
            let details = try Self.signer.signingDetails(for: request, date: Self.date)
            #expect(details.canonicalRequest.split(separator: "\n", omittingEmptySubsequences: false)[2] == canonical[...], "\(query)")
        }
    }
}
