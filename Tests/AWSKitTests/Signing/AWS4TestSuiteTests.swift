import Foundation
import SDKCore
import TestSupport
import Testing

@testable import AWSKit

/// The AWS Signature Version 4 test suite that ships in botocore's source distribution
/// (`tests/unit/auth/aws4_testsuite`). `scripts/test` downloads it into `.cache/` and passes its
/// folder in `AWS4_TESTSUITE_DIR`.
struct AWS4TestSuiteTests {
    /// A test case of the suite: the raw request and the expected canonical request, string to
    /// sign and Authorization header.
    struct Case {
        var name: String
        var method: String
        var target: String
        var headers: HTTPHeaderFields
        var body: Data?
        var canonicalRequest: String
        var stringToSign: String
        var authorization: String
        var sessionToken: String?
    }

    static let variable = "AWS4_TESTSUITE_DIR"

    /// Every request of the suite signs to the expected canonical request, string to sign and
    /// Authorization header — including the cases botocore skips (repeated query keys, a space in
    /// the request line).
    @Test func everyCaseOfTheSuitePasses() throws {
        let directory = try Prerequisites.environment(
            Self.variable,
            setBy: "Run scripts/test, which downloads botocore's source distribution into .cache/ and sets it, or point it at tests/unit/auth/aws4_testsuite of an unpacked botocore sdist (pip download botocore --no-binary :all: --no-deps)."
        )
        let cases = try Self.loadCases(URL(fileURLWithPath: directory))
        #expect(cases.count >= 28, "the suite at \(directory) holds only \(cases.count) cases; is it complete?")
        var failures: [String] = []
        for testCase in cases {
            let signer = SigV4Signer(
                credentials: AWSCredentials(
                    accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", sessionToken: testCase.sessionToken),
                region: "us-east-1",
                service: "service"
            )
            var headers = testCase.headers
            let host = headers["host"] ?? ""
            let output = try signer.signHeaders(
                method: testCase.method, url: "https://\(host)\(testCase.target)", headers: &headers, body: testCase.body,
                timestamp: SigV4Timestamp(Date(timeIntervalSince1970: 1_440_938_160)), payload: .body, wantDetails: true)
            if output.canonicalRequest != testCase.canonicalRequest {
                failures.append("\(testCase.name): canonical request\n\(output.canonicalRequest)\n--- expected ---\n\(testCase.canonicalRequest)")
            } else if output.stringToSign != testCase.stringToSign {
                failures.append("\(testCase.name): string to sign")
            } else if output.authorization != testCase.authorization {
                failures.append("\(testCase.name): authorization \(output.authorization)")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(cases.count) cases fail:\n\(failures.joined(separator: "\n"))")
    }

    static func loadCases(_ root: URL) throws -> [Case] {
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        var cases: [Case] = []
        for case let file as URL in walker where file.pathExtension == "req" {
            let base = file.deletingPathExtension()
            func read(_ suffix: String) throws -> String {
                try String(contentsOf: base.appendingPathExtension(suffix), encoding: .utf8).replacingOccurrences(of: "\r", with: "")
            }
            let canonical = try read("creq")
            let token = canonical.split(separator: "\n").first { $0.hasPrefix("x-amz-security-token:") }
                .map { String($0.dropFirst("x-amz-security-token:".count)) }
            var parsed = try parseRequest(read("req"))
            parsed.name = base.path.replacingOccurrences(of: root.path + "/", with: "")
            parsed.canonicalRequest = canonical
            parsed.stringToSign = try read("sts")
            parsed.authorization = try read("authz")
            parsed.sessionToken = token
            cases.append(parsed)
        }
        return cases.sorted { $0.name < $1.name }
    }

    /// Parses a raw HTTP/1.1 request: the request line (whose target may hold a space), header
    /// lines with folded continuations, and the body after the empty line.
    static func parseRequest(_ text: String) throws -> Case {
        var lines = text.components(separatedBy: "\n")
        let requestLine = lines.removeFirst()
        guard let firstSpace = requestLine.firstIndex(of: " "), let version = requestLine.range(of: " HTTP/", options: .backwards) else {
            throw VectorError(message: "bad request line: \(requestLine)")
        }
        let method = String(requestLine[..<firstSpace])
        let target = String(requestLine[requestLine.index(after: firstSpace)..<version.lowerBound])
        var fields: [(String, String)] = []
        var bodyLines: [String]?
        for line in lines {
            if var body = bodyLines {
                body.append(line)
                bodyLines = body
            } else if line.isEmpty {
                bodyLines = []
            } else if line.first == " " || line.first == "\t", !fields.isEmpty {
                fields[fields.count - 1].1 += "\n" + line
            } else if let colon = line.firstIndex(of: ":") {
                fields.append((String(line[..<colon]), String(line[line.index(after: colon)...])))
            }
        }
        let body = bodyLines.map { $0.joined(separator: "\n") }.flatMap { $0.isEmpty ? nil : Data($0.utf8) }
        return Case(
            name: "", method: method, target: target, headers: HTTPHeaderFields(fields), body: body, canonicalRequest: "", stringToSign: "",
            authorization: "", sessionToken: nil)
    }
}
