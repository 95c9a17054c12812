import Foundation
import KubeKit
import KubeSandbox
import SDKCore
import TestSupport
import Testing

/// Every operation against the sandbox API server over HTTPS, with the CA from the kubeconfig,
/// for each kind of user.
struct SandboxOperationTests {
    enum User: String, CaseIterable, Sendable {
        case clientCertificate, token, execPlugin
    }

    /// Get, list with selectors, create, replace guarded by resourceVersion, the four patch
    /// kinds, status and scale subresources, watch, and delete with preconditions and
    /// propagation all work for client-certificate, bearer-token and exec-plugin users.
    @Test(arguments: User.allCases)
    func everyOperation(user: User) async throws {
        let harness = try await SandboxHarness.start()
        let plugin = try ExecPlugin()
        let configuration: ClusterConfiguration
        switch user {
        case .clientCertificate: configuration = try harness.clusterConfiguration(user: .clientCertificate, namespace: "ops")
        case .token: configuration = try harness.clusterConfiguration(user: .token, namespace: "ops")
        case .execPlugin:
            await harness.sandbox.setAcceptedTokens((1...20).map { "token-\($0)" })
            configuration = try harness.execClusterConfiguration(plugin: plugin, namespace: "ops")
        }
        #expect(configuration.server.scheme == "https")
        #expect(configuration.certificateAuthorityPEM?.first == harness.sandbox.caCertificatePEM)
        let client = try harness.client(configuration)

        // Create, get.
        _ = try await client.create(Namespace(name: "ops"))
        let labels = ["app": "web", "app.kubernetes.io/version": "1"]
        let created = try await client.create(
            Deployment(
                name: "web", labels: labels,
                spec: DeploymentSpec(
                    replicas: 1, selector: LabelSelector(matchLabels: labels),
                    template: PodTemplateSpec(labels: labels, spec: PodSpec(containers: [Container(name: "web", image: "nginx:1.27")]))
                )
            )
        )
        #expect(created.metadata.uid?.isEmpty == false)
        #expect(created.namespace == "ops")
        let fetched = try await client.get(Deployment.self, "web")
        #expect(fetched.metadata.uid == created.metadata.uid)
        #expect(fetched.spec.template.spec.containers.first?.image == "nginx:1.27")
        let duplicate = try await #require(throws: KubeError.self) { try await client.create(created) }
        #expect(duplicate.isAlreadyExists)

        // List with label and field selectors.
        #expect(try await client.list(Deployment.self, labelSelector: "app=web,app.kubernetes.io/version in (1,2)").items.map(\.name) == ["web"])
        #expect(try await client.list(Deployment.self, labelSelector: "app!=web").items.isEmpty)
        #expect(try await client.list(Deployment.self, fieldSelector: "metadata.name=web").items.count == 1)
        #expect(try await client.list(Deployment.self, in: KubeClient.allNamespaces).items.contains { $0.name == "web" })
        #expect(try await client.list(Node.self).items.count == 3)

        // Replace and merge patch, guarded by resourceVersion (on a ConfigMap, which no
        // controller changes behind the test's back).
        let settings = try await client.create(ConfigMap(name: "settings", data: ["mode": "blue"]))
        var changed = settings
        changed.data["mode"] = "green"
        changed.metadata.annotations["example.com/note"] = "replaced"
        let replaced = try await client.replace(changed)
        #expect(replaced.data == ["mode": "green"])
        #expect(replaced.metadata.annotations["example.com/note"] == "replaced")
        let stale = try await #require(throws: KubeError.self) { try await client.replace(changed) }
        #expect(stale.isConflict)
        let merged = try await client.patch(
            ConfigMap.self, "settings", .merge(["metadata": ["labels": ["tier": "front"]]], resourceVersion: replaced.metadata.resourceVersion))
        #expect(merged.metadata.labels["tier"] == "front")
        #expect(merged.metadata.annotations["example.com/note"] == "replaced")
        let staleMerge = try await #require(throws: KubeError.self) {
            try await client.patch(
                ConfigMap.self, "settings", .merge(["metadata": ["labels": ["tier": "back"]]], resourceVersion: replaced.metadata.resourceVersion))
        }
        #expect(staleMerge.isConflict)
        // Read-modify-replace that retries on conflicts, for objects a controller also writes.
        let updated = try await client.update(Deployment.self, "web") { $0.metadata.annotations["example.com/note"] = "updated" }
        #expect(updated.metadata.annotations["example.com/note"] == "updated")

        // Strategic merge, JSON patch and server-side apply.
        let strategic = try await client.patch(
            Deployment.self, "web", .strategicMerge(["spec": ["template": ["spec": ["containers": [["name": "web", "image": "nginx:1.28"]]]]]])
        )
        #expect(strategic.spec.template.spec.containers.map(\.image) == ["nginx:1.28"])
        let jsonPatched = try await client.patch(
            Deployment.self, "web", .json([.add(JSONPatchOperation.pointer(["metadata", "annotations", "example.com/by"]), "json-patch")])
        )
        #expect(jsonPatched.metadata.annotations["example.com/by"] == "json-patch")
        let applyConfiguration: JSONValue = [
            "apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "web", "annotations": ["example.com/applied": "one"]],
        ]
        let applied = try await client.patch(Deployment.self, "web", .apply(applyConfiguration, fieldManager: "kubekit-a"))
        #expect(applied.metadata.annotations["example.com/applied"] == "one")
        #expect(applied.metadata.managedFields.contains { $0.manager == "kubekit-a" && $0.operation == "Apply" })
        var otherConfiguration = applyConfiguration
        otherConfiguration["metadata"]?["annotations"] = ["example.com/applied": "two"]
        let conflict = try await #require(throws: KubeError.self) {
            try await client.patch(Deployment.self, "web", .apply(otherConfiguration, fieldManager: "kubekit-b"))
        }
        #expect(conflict.isConflict)
        let forced = try await client.patch(Deployment.self, "web", .apply(otherConfiguration, fieldManager: "kubekit-b", force: true))
        #expect(forced.metadata.annotations["example.com/applied"] == "two")
        #expect(forced.metadata.annotations["example.com/note"] == "updated")

        // Subresources.
        #expect(try await client.getScale(Deployment.self, "web").spec.replicas == 1)
        let scaled = try await client.scale(Deployment.self, "web", replicas: 2)
        #expect(scaled.spec.replicas == 2)
        #expect(try await client.get(Deployment.self, "web").spec.replicas == 2)
        let statusPatched = try await client.patchStatus(
            Deployment.self, "web", .merge(["status": ["conditions": [["type": "KubeKitProbe", "status": "True", "reason": "Test"]]]])
        )
        #expect(statusPatched.spec.replicas == 2)

        // Watch from a list's version: exactly the changes that follow.
        let before = try await client.list(ConfigMap.self)
        let events = client.watch(ConfigMap.self, resourceVersion: before.resourceVersion)
        let collected = Task {
            var seen: [String] = []
            for try await event in events {
                seen.append("\(event.type) \(event.object.name)")
                if seen.count == 3 { break }
            }
            return seen
        }
        _ = try await client.create(ConfigMap(name: "watched", data: ["mode": "blue"]))
        _ = try await client.patch(ConfigMap.self, "watched", .merge(["data": ["mode": "green"]]))
        try await client.delete(ConfigMap.self, "watched")
        #expect(try await collected.value == ["ADDED watched", "MODIFIED watched", "DELETED watched"])

        // Generic resources.
        let lease = try await client.create(.leases, GenericResource(.leases, metadata: ObjectMeta(name: "lock")))
        #expect(lease.kind == "Lease")
        #expect(try await client.get(.leases, "lock").metadata.uid == lease.metadata.uid)

        // Delete a collection by label.
        for index in 0..<3 {
            _ = try await client.create(ConfigMap(name: "batch-\(index)", labels: ["batch": "yes"], data: [:]))
        }
        try await client.deleteCollection(ConfigMap.self, labelSelector: "batch=yes")
        #expect(try await client.list(ConfigMap.self, labelSelector: "batch=yes").items.isEmpty)
        #expect(try await client.get(ConfigMap.self, "settings").name == "settings")

        // Delete with preconditions and propagation.
        let wrongUID = try await #require(throws: KubeError.self) {
            try await client.delete(Deployment.self, "web", options: DeleteOptions(preconditions: .init(uid: "not-the-uid")))
        }
        #expect(wrongUID.isConflict)
        try await client.delete(
            Deployment.self, "web",
            options: DeleteOptions(propagationPolicy: .background, gracePeriodSeconds: 0, preconditions: .init(uid: created.metadata.uid))
        )
        let gone = try await #require(throws: KubeError.self) { try await client.get(Deployment.self, "web") }
        #expect(gone.isNotFound)

        try await client.shutdown()
        if user == .execPlugin { #expect(plugin.runs == 1) }
        try await harness.stop()
    }

    /// A server certificate that the configured CA did not sign is refused.
    @Test func untrustedServerCertificateIsRefused() async throws {
        let harness = try await SandboxHarness.start()
        let other = try await SandboxHarness.start()
        var configuration = try harness.clusterConfiguration(user: .token)
        configuration.certificateAuthorityPEM = other.sandbox.caCertificatePEM.map { [$0] }
        let client = try harness.client(configuration, retryPolicy: .none)
        let error = try await #require(throws: TransportError.self) { try await client.list(Namespace.self) }
        #expect(error.kind == .tls)
        #expect(error.description.contains("certificate-authority"))
        #expect(harness.sandbox.counters.total == 0)

        // Without any CA, the system roots do not trust the sandbox either.
        var system = try harness.clusterConfiguration(user: .token)
        system.certificateAuthorityPEM = nil
        let systemClient = try harness.client(system, retryPolicy: .none)
        await #expect(throws: TransportError.self) { try await systemClient.list(Namespace.self) }
        try await client.shutdown()
        try await systemClient.shutdown()
        try await harness.stop()
        try await other.stop()
    }

    /// With tls-server-name, requests are addressed to that name (for SNI and the certificate
    /// check) and still reach the server's own address: `kubernetes.default` resolves nowhere
    /// here, yet the requests succeed.
    @Test func tlsServerNameIsHonoured() async throws {
        let harness = try await SandboxHarness.start()
        var configuration = try harness.clusterConfiguration(user: .token)
        configuration.tlsServerName = "kubernetes.default"
        let client = try harness.client(configuration, retryPolicy: .none)
        #expect(try await client.list(Namespace.self).items.isEmpty == false)
        try await client.shutdown()
        try await harness.stop()
    }

    /// insecure-skip-tls-verify connects without a CA, and the client warns about it.
    @Test func insecureSkipVerifyWarns() async throws {
        let harness = try await SandboxHarness.start()
        var configuration = try harness.clusterConfiguration(user: .token)
        configuration.certificateAuthorityPEM = nil
        configuration.insecureSkipTLSVerify = true
        let logs = LogCapture()
        let client = try harness.client(configuration, logger: logs.logger())
        #expect(try await client.list(Namespace.self).items.isEmpty == false)
        #expect(logs.entries.contains { $0.level == .warning && $0.message.contains("TLS verification") })
        #expect(logs.allText.contains(harness.sandbox.bearerToken ?? "no-token") == false)
        try await client.shutdown()
        try await harness.stop()
    }
}
