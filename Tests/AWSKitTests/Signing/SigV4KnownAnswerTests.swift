import AWSKit
import Foundation
import Testing

struct SigV4KnownAnswerTests {
    /// Every committed botocore vector (hand-picked edge cases and 300 seeded random requests)
    /// matches byte for byte: canonical request, string to sign, signature, Authorization header
    /// and presigned URL.
    @Test func committedVectorsMatchBotocore() throws {
        guard let url = Bundle.module.url(forResource: "sigv4-vectors", withExtension: "json", subdirectory: "Resources") else {
            Issue.record("sigv4-vectors.json is missing from the test resources; regenerate it with scripts/sigv4/gen_vectors.py --known-answers")
            return
        }
        let document = try SigV4Vector.load(url)
        #expect(document.vectors.count >= 300)
        let differences = SigV4Vector.differences(document.vectors)
        if !differences.isEmpty { Issue.record(Comment(rawValue: "\(differences.count) of \(document.vectors.count) vectors differ:\n\(differences.prefix(10).joined(separator: "\n"))")) }
    }
}
