import Foundation
import KubeKit
import KubeSandbox
import SDKCore
import TestSupport
import Testing

/// Watches that are cut, and lists too long for one page, against the sandbox.
struct SandboxWatchAndListTests {
    /// A watch the server keeps cutting resumes each time from the last version it saw: every
    /// change arrives exactly once, in order.
    @Test func cutWatchResumesWithoutLosingOrRepeatingEvents() async throws {
        let harness = try await SandboxHarness.start(tls: false) { configuration in
            configuration.faults = FaultConfiguration(watchCloseAfterMilliseconds: 150, verbs: ["watch"])
        }
        let client = try harness.client(try harness.clusterConfiguration(user: .anonymous))
        let start = try await client.list(ConfigMap.self)
        let count = 30
        let watched = Task {
            var names: [String] = []
            for try await event in client.watch(ConfigMap.self, resourceVersion: start.resourceVersion) where event.type == .added {
                names.append(event.object.name)
                if names.count == count { break }
            }
            return names
        }
        for index in 0..<count {
            _ = try await client.create(ConfigMap(name: "cm-\(index)", data: ["i": "\(index)"]))
            try await Task.sleep(for: .milliseconds(20))
        }
        let names = try await watched.value
        #expect(names == (0..<count).map { "cm-\($0)" })
        let watches = harness.sandbox.requestLog.filter { $0.verb == "watch" }
        #expect(watches.count > 1, "the sandbox should have cut the watch at least once")
        // Every resumption named the version of the last event before the cut.
        #expect(watches.allSatisfy { $0.query["resourceVersion"]?.isEmpty == false })
        try await client.shutdown()
        try await harness.stop()
    }

    /// A list of 5,000 objects is read page by page, transparently.
    @Test func listOf5000ObjectsPaginates() async throws {
        let harness = try await SandboxHarness.start(tls: false)
        let documents = (0..<5000).map {
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cm-\($0)\",\"namespace\":\"bulk\",\"labels\":{\"bulk\":\"yes\"}},\"data\":{\"i\":\"\($0)\"}}"
        }
        try await harness.sandbox.create(documents: documents.joined(separator: "\n---\n"))
        let client = try harness.client(try harness.clusterConfiguration(user: .anonymous))
        harness.sandbox.resetCounters()
        let list = try await client.list(ConfigMap.self, in: "bulk", labelSelector: "bulk=yes", pageSize: 500)
        #expect(list.items.count == 5000)
        #expect(Set(list.items.map(\.name)).count == 5000)
        #expect(list.resourceVersion?.isEmpty == false)
        let pages = harness.sandbox.requestLog.filter { $0.verb == "list" }
        #expect(pages.count == 10)
        #expect(pages.dropFirst().allSatisfy { $0.query["continue"]?.isEmpty == false })
        try await client.shutdown()
        try await harness.stop()
    }

    /// Reads are retried through injected 503s and 429s; a create answered 503 is not repeated.
    @Test func faultsAreRetriedOnlyWhenSafe() async throws {
        let harness = try await SandboxHarness.start(tls: false)
        let client = try harness.client(
            try harness.clusterConfiguration(user: .anonymous), retryPolicy: RetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(10))
        )
        await harness.sandbox.setFaults(
            FaultConfiguration(errorRate: 1, errorStatuses: [503, 429], retryAfterSeconds: 0, verbs: ["list"], maxFaults: 2))
        #expect(try await client.list(Namespace.self).items.isEmpty == false)
        #expect(harness.sandbox.counters.count(verb: "list") == 3)

        await harness.sandbox.setFaults(FaultConfiguration(errorRate: 1, errorStatuses: [503], verbs: ["create"], maxFaults: 1))
        harness.sandbox.resetCounters()
        let error = try await #require(throws: KubeError.self) { try await client.create(ConfigMap(name: "once", data: [:])) }
        #expect(error.code == 503)
        #expect(harness.sandbox.counters.count(verb: "create") == 1)
        try await client.shutdown()
        try await harness.stop()
    }
}
