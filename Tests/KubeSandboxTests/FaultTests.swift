import Foundation
import SDKCore
import Testing

@testable import KubeSandbox

struct FaultTests {
    /// Each error status is answered with a proper Status, and 429/503 carry Retry-After.
    @Test(arguments: [500, 503, 429])
    func errorStatuses(_ status: Int) async throws {
        try await withSandbox { sandbox, client async throws in
            await sandbox.setFaults(.errors(status, retryAfterSeconds: 3))
            let answer = try await client.get(Manifests.configMaps)
            #expect(answer.status == status)
            #expect(answer.json["kind"] == "Status" && answer.json["code"].intValue == status)
            #expect(answer.headers["Retry-After"] == (status == 500 ? nil : "3"))
            #expect(sandbox.counters.faultsInjected == 1)
            #expect(sandbox.requestLog.last?.fault == "status \(status)")
        }
    }

    /// A share of requests fails; with a seed the pattern repeats, and maxFaults bounds the count.
    @Test func ratesAndLimits() async throws {
        try await withSandbox { sandbox, client async throws in
            func run() async throws -> [Int] {
                var statuses: [Int] = []
                for _ in 0..<20 { statuses.append(try await client.get(Manifests.configMaps).status) }
                return statuses
            }
            await sandbox.setFaults(FaultConfiguration(errorRate: 0.5, errorStatuses: [503], seed: 7))
            let first = try await run()
            await sandbox.setFaults(FaultConfiguration(errorRate: 0.5, errorStatuses: [503], seed: 7))
            let second = try await run()
            #expect(first == second)
            #expect(first.contains(503) && first.contains(200))
            await sandbox.setFaults(FaultConfiguration(errorRate: 1, errorStatuses: [500], maxFaults: 2))
            #expect(try await run().filter { $0 == 500 }.count == 2)
        }
    }

    /// Faults can be scoped to verbs and paths.
    @Test func scopedFaults() async throws {
        try await withSandbox { sandbox, client async throws in
            await sandbox.setFaults(
                FaultConfiguration(errorRate: 1, errorStatuses: [500], verbs: ["create"], pathPrefix: "/api/v1/namespaces/default/configmaps"))
            #expect(try await client.get(Manifests.configMaps).status == 200)
            #expect(try await client.post(Manifests.configMaps, Manifests.configMap("a")).status == 500)
            #expect(try await client.post(Manifests.services, Manifests.service("s", selector: ["a": "b"])).status == 201)
        }
    }

    /// A dropped connection cuts the response mid-body, which the client sees as a transport failure.
    @Test func droppedConnections() async throws {
        try await withSandbox { sandbox, client async throws in
            for index in 0..<20 { _ = try await client.post(Manifests.configMaps, Manifests.configMap("cm-\(index)")) }
            await sandbox.setFaults(FaultConfiguration(dropRate: 1))
            await #expect(throws: TransportError.self) { try await client.get(Manifests.configMaps) }
            await sandbox.setFaults(.none)
            #expect(try await client.get(Manifests.configMaps).status == 200)
        }
    }

    /// Added latency delays every answer.
    @Test func latency() async throws {
        try await withSandbox { sandbox, client async throws in
            var faults = FaultConfiguration()
            faults.latency = .milliseconds(300)
            await sandbox.setFaults(faults)
            let clock = ContinuousClock()
            let start = clock.now
            #expect(try await client.get("/api/v1/namespaces").status == 200)
            #expect(clock.now - start >= .milliseconds(300))
        }
    }

    /// Watches are closed by the server early.
    @Test func watchClosedEarly() async throws {
        try await withSandbox { sandbox, client async throws in
            await sandbox.setFaults(FaultConfiguration(watchCloseAfterMilliseconds: 200))
            let clock = ContinuousClock()
            let start = clock.now
            // Without the fault this watch would stay open for an hour; the bound is loose because
            // the whole suite runs in parallel on two cores, and only "well before the hour" matters.
            let (_, events) = try await client.watch("\(Manifests.configMaps)?watch=1&resourceVersion=1&timeoutSeconds=3600")
            for try await _ in events {}
            #expect(clock.now - start < .seconds(120))
            #expect(sandbox.requestLog.last?.fault == "watch-close")
        }
    }

    /// Writes are answered 409 Conflict while reads pass.
    @Test func writeConflicts() async throws {
        try await withSandbox { sandbox, client async throws in
            _ = try await client.post(Manifests.configMaps, Manifests.configMap("a"))
            await sandbox.setFaults(FaultConfiguration(conflictRate: 1))
            let answer = try await client.patch("\(Manifests.configMaps)/a", ["data": ["k": "v"]], type: "application/merge-patch+json")
            #expect(answer.status == 409)
            #expect(
                answer.json["message"]
                    == "Operation cannot be fulfilled on configmaps \"a\": the object has been modified; please apply your changes to the latest version and try again"
            )
            #expect(try await client.get("\(Manifests.configMaps)/a").status == 200)
        }
    }

    /// The admin endpoint sets and reads faults, and rejects bad configurations.
    @Test func adminEndpoint() async throws {
        try await withSandbox { sandbox, client async throws in
            let set = try await client.request(
                "PUT", "/sandbox/v1/faults", contentType: "application/json", rawBody: #"{"errorRate":1,"errorStatuses":[429],"retryAfterSeconds":2}"#
            )
            #expect(set.status == 200)
            #expect(sandbox.faults.errorStatuses == [429])
            #expect(try await client.get(Manifests.configMaps).status == 429)
            #expect(try await client.get("/sandbox/v1/faults").json["retryAfterSeconds"].intValue == 2)
            let bad = try await client.request("PUT", "/sandbox/v1/faults", contentType: "application/json", rawBody: #"{"errorRate":3}"#)
            #expect(bad.status == 400)
            _ = try await client.request("PUT", "/sandbox/v1/faults", contentType: "application/json", rawBody: "{}")
            #expect(try await client.get(Manifests.configMaps).status == 200)
            let counters = try await client.get("/sandbox/v1/counters").json
            #expect((counters["total"].intValue ?? 0) >= 5)
        }
    }
}
