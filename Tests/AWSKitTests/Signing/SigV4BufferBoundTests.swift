import AWSKit
import Foundation
import SDKCore
import TestSupport
import Testing

/// The signer writes each canonical request into a buffer sized from an upper bound computed
/// beforehand; these requests grow every part as much as it can grow (every path byte percent-encoded
/// to three, lower-casing that lengthens a name, Unicode white space, many empty pairs and
/// repeated headers, a session token full of reserved characters), so a bound that is too small
/// would stop the test process, and a wrong canonical form would differ from botocore's.
struct SigV4BufferBoundTests {
    static let generator = """
        import json, sys
        from urllib.parse import quote
        sys.path.insert(0, sys.argv[1])
        import botocore, gen_vectors as g
        host = "https://sts.eu-west-1.amazonaws.com"
        token = "/+=" * 40 + "%$&"
        reserved = "$!'()*+,;=:@" * 8
        q = lambda text: quote(text, safe="")
        query = "&".join([q("$!'()*,;:@\\u20ac\\u00e9" * 10) + "=" + q("$!'()*,;:@ " * 10), "&&&&&&&&", "x=" + q("=" * 20)])
        names = [("X-\\u0130\\u0130\\u0130", "x"), ("X-\\u023a\\u023a", "y"), ("\\u212a-Kelvin", "z")]
        spaces = "\\u3000a\\u2003\\u2003b\\u00a0 \\t\\u2028c\\u3000"
        repeated = [("X-Same", "")] * 12 + [("X-Same", " v ")] * 3
        vectors = []
        for kind in ["sign", "presign"]:
            for service in ["sts", "s3"]:
                for path in ["/" + reserved + "/" + reserved + "/", "/a/../" + reserved + "/./..//" + reserved, "/" + "%20" * 30]:
                    vectors.append(g.vector(f"{kind} {service} {path[:12]}", kind=kind, method="post", service=service,
                        url=host + path + "?" + query, token=token, headers=names + repeated + [("X-Spaces", spaces), ("Date", "x")],
                        body=b"{}", payload="body", expires=604800))
        for v in vectors:
            g.sign(v)
        json.dump({"botocore": botocore.__version__, "seed": 0, "vectors": vectors}, sys.stdout, ensure_ascii=True)
        """

    static let largeGenerator = """
        import json, sys
        sys.path.insert(0, sys.argv[1])
        import botocore, gen_vectors as g
        host = "https://sts.eu-west-1.amazonaws.com"
        big = "$" * (1 << 18)
        vectors = [g.vector(f"{kind} large", kind=kind, url=host + "/" + big + "?k=" + "%24" * (1 << 18), headers=[("X-Big", "v " * (1 << 18))],
                            body=b"x" * (1 << 18) if kind == "sign" else None, expires=60) for kind in ["sign", "presign"]]
        for v in vectors:
            g.sign(v)
        json.dump({"botocore": botocore.__version__, "seed": 0, "vectors": vectors}, sys.stdout, ensure_ascii=True)
        """

    /// Requests with a path, query, header and body of hundreds of KiB each, whose buffers are too large for
    /// the stack and so come from the heap, are signed as botocore signs them.
    @Test func requestsTooLargeForTheStackMatchBotocore() async throws {
        let document = try await Self.botocoreVectors(Self.largeGenerator)
        #expect(document.vectors.count == 2)
        let differences = SigV4Vector.differences(document.vectors)
        #expect(differences.isEmpty, "\(differences.count) differ:\n\(differences.prefix(1).joined().prefix(2000))")
    }

    /// Requests that make every part of the canonical request as long as it can get are signed
    /// (headers and presigned URLs, S3 and not) exactly as botocore signs them.
    @Test func worstCaseGrowthMatchesBotocore() async throws {
        let document = try await Self.botocoreVectors(Self.generator)
        #expect(document.vectors.count == 12)
        let differences = SigV4Vector.differences(document.vectors)
        #expect(differences.isEmpty, "\(differences.count) differ:\n\(differences.prefix(3).joined(separator: "\n"))")
    }

    /// The vectors that a generator script writes, signed by botocore (scripts/sigv4 on its path).
    static func botocoreVectors(_ generator: String) async throws -> SigV4Vector.Document {
        let python = try Prerequisites.executable("python3", install: "Install Python 3 with botocore (scripts/test does: pip install botocore).")
        let scripts = Prerequisites.repositoryRoot.appendingPathComponent("scripts/sigv4").path
        let outcome = try await ProcessRunner().run(.init(python, arguments: ["-c", generator, scripts]), timeout: .seconds(120))
        try #require(outcome.succeeded, "the generator failed (is botocore installed? pip install botocore): \(outcome.standardErrorText)")
        return try JSONDecoder().decode(SigV4Vector.Document.self, from: Data(outcome.standardOutput))
    }
}
