import AWSKit
import Foundation
import SDKCore
import TestSupport
import Testing

struct SigV4DifferentialTests {
    /// Thousands of fresh random requests (a new seed each run; `SIGV4_DIFFERENTIAL_COUNT`,
    /// default 5000) are signed by botocore and by AWSKit with zero differences.
    @Test func freshRandomRequestsMatchBotocore() async throws {
        let python = try Prerequisites.executable("python3", install: "Install Python 3 with botocore (scripts/test does: pip install botocore).")
        let environment = ProcessInfo.processInfo.environment
        let count = environment["SIGV4_DIFFERENTIAL_COUNT"].flatMap(Int.init) ?? 5000
        let seed = environment["SIGV4_DIFFERENTIAL_SEED"].flatMap(Int.init) ?? Int.random(in: 1...1_000_000_000)
        let script = Prerequisites.repositoryRoot.appendingPathComponent("scripts/sigv4/gen_vectors.py").path
        let outcome = try await ProcessRunner().run(
            .init(python, arguments: [script, "--random", String(count), "--seed", String(seed)]), timeout: .seconds(300))
        try #require(outcome.succeeded, "the generator failed (is botocore installed? pip install botocore): \(outcome.standardErrorText)")
        let document = try JSONDecoder().decode(SigV4Vector.Document.self, from: Data(outcome.standardOutput))
        #expect(document.vectors.count == count)
        let differences = SigV4Vector.differences(document.vectors)
        print("SigV4 differential: \(document.vectors.count) random requests signed by AWSKit and botocore \(document.botocore) (seed \(seed)), \(differences.count) differences")
        if !differences.isEmpty { Issue.record(Comment(rawValue: "seed \(seed): \(differences.count) differ:\n\(differences.prefix(5).joined(separator: "\n"))")) }
    }
}
