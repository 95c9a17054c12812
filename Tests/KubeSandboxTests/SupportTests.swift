import Testing

@testable import KubeSandbox

struct SupportTests {
    /// Quantities parse with binary, decimal and milli suffixes.
    @Test(arguments: [
        ("500m", 0.5), ("2", 2.0), ("1.5", 1.5), ("128Mi", 134_217_728.0), ("1Gi", 1_073_741_824.0), ("1G", 1e9), ("1e3", 1000.0), ("10k", 10_000.0),
    ])
    func quantities(_ text: String, _ expected: Double) {
        #expect(Quantity.parse(text) == expected)
    }

    /// Garbage is not a quantity.
    @Test func badQuantity() {
        #expect(Quantity.parse("lots") == nil)
        #expect(Quantity.parse("Mi") == nil)
    }

    /// Ages print as kubectl prints them (apimachinery's HumanDuration).
    @Test(arguments: [
        (45.0, "45s"), (119.0, "119s"), (192.0, "3m12s"), (600.0, "10m"), (5400.0, "90m"), (19_800.0, "5h30m"), (36_000.0, "10h"),
        (183_600.0, "2d3h"), (-5.0, "<invalid>"),
    ])
    func humanDurations(_ seconds: Double, _ expected: String) {
        #expect(HumanDuration.format(seconds) == expected)
    }

    /// The pod-template-hash ignores member order, changes with the template and uses the real alphabet.
    @Test func podTemplateHash() throws {
        let a = try JSON(parsing: #"{"metadata":{"labels":{"app":"web","tier":"x"}},"spec":{"containers":[{"name":"app","image":"web:1"}]}}"#)
        let b = try JSON(parsing: #"{"spec":{"containers":[{"image":"web:1","name":"app"}]},"metadata":{"labels":{"tier":"x","app":"web"}}}"#)
        let c = try JSON(parsing: #"{"metadata":{"labels":{"app":"web","tier":"x"}},"spec":{"containers":[{"name":"app","image":"web:2"}]}}"#)
        let hash = PodTemplateHash.compute(a, collisionCount: nil)
        #expect(hash == PodTemplateHash.compute(b, collisionCount: nil))
        #expect(hash != PodTemplateHash.compute(c, collisionCount: nil))
        #expect(hash != PodTemplateHash.compute(a, collisionCount: 1))
        #expect(!hash.isEmpty && hash.allSatisfy { "bcdfghjklmnpqrstvwxz2456789".contains($0) })
    }

    /// maxSurge rounds up and maxUnavailable down; both zero means one unavailable.
    @Test func surgeAndUnavailable() {
        func deployment(_ replicas: Int, _ surge: JSON, _ unavailable: JSON) -> JSON {
            [
                "spec": [
                    "replicas": .int(replicas),
                    "strategy": ["type": "RollingUpdate", "rollingUpdate": ["maxSurge": surge, "maxUnavailable": unavailable]],
                ]
            ]
        }
        #expect(DeploymentController.surgeAndUnavailable(deployment(3, "25%", "25%")) == (1, 0))
        #expect(DeploymentController.surgeAndUnavailable(deployment(10, "25%", "25%")) == (3, 2))
        #expect(DeploymentController.surgeAndUnavailable(deployment(4, 0, 0)) == (0, 1))
        #expect(DeploymentController.surgeAndUnavailable(["spec": ["replicas": 4, "strategy": ["type": "Recreate"]]]) == (0, 0))
    }

    /// Continue tokens round-trip and garbage is rejected.
    @Test func continueTokens() throws {
        let token = ContinueToken(resourceVersion: 42, start: "default/web\u{0}")
        #expect(try ContinueToken.decode(token.encoded) == token)
        #expect(throws: APIError.self) { try ContinueToken.decode("bm9wZQ") }
    }
}
