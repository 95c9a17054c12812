import Testing

@testable import KubeSandbox

struct LifecycleTests {
    /// Foreground deletion keeps the Deployment (with the foregroundDeletion finalizer) until its
    /// dependents are gone: a pod held by a finalizer holds the Deployment until it is released.
    @Test func foregroundDeletion() async throws {
        try await withSandbox { _, client async throws in
            _ = try await client.post(Manifests.deployments, Manifests.deployment("web", replicas: 2))
            _ = try await client.waitFor("\(Manifests.deployments)/web") { $0.int(at: "status", "availableReplicas") == 2 }
            // One pod carries a finalizer of ours, so its removal (and with it the Deployment's)
            // waits for the test, not for a timer a loaded machine could outrun.
            let pods = try await client.get("\(Manifests.pods)?labelSelector=app%3Dweb").json["items"].arrayValue ?? []
            let held = try #require(pods.first?.string(at: "metadata", "name"))
            let hold: JSON = ["metadata": ["finalizers": ["sandbox.test/hold"]]]
            #expect(try await client.patch("\(Manifests.pods)/\(held)", hold, type: "application/merge-patch+json").status == 200)
            let deleting = try await client.delete("\(Manifests.deployments)/web", ["propagationPolicy": "Foreground"])
            #expect(deleting.status == 200)
            #expect(deleting.json.value(at: ["metadata", "finalizers"]) == ["foregroundDeletion"])
            #expect(deleting.json.value(at: ["metadata", "deletionTimestamp"]) != nil)
            _ = try await client.waitFor("\(Manifests.pods)/\(held)") { $0.value(at: ["metadata", "deletionTimestamp"]) != nil }
            #expect(try await client.get("\(Manifests.deployments)/web").status == 200)
            let release: JSON = ["metadata": ["finalizers": nil]]
            #expect(try await client.patch("\(Manifests.pods)/\(held)", release, type: "application/merge-patch+json").status == 200)
            let clock = ContinuousClock()
            let deadline = clock.now + .seconds(60)
            while clock.now < deadline, try await client.get("\(Manifests.deployments)/web").status == 200 {
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(try await client.get("\(Manifests.deployments)/web").status == 404)
            #expect(try await client.get("\(Manifests.pods)?labelSelector=app%3Dweb").json["items"].arrayValue?.isEmpty == true)
        }
    }

    /// Deleting a namespace marks it Terminating, empties it, then removes it.
    @Test func namespaceDeletion() async throws {
        try await withSandbox { _, client async throws in
            _ = try await client.post("/api/v1/namespaces", ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "team"]])
            _ = try await client.post("/api/v1/namespaces/team/configmaps", Manifests.configMap("c"))
            let deleted = try await client.delete("/api/v1/namespaces/team")
            #expect(deleted.json.string(at: "status", "phase") == "Terminating")
            let clock = ContinuousClock()
            let deadline = clock.now + .seconds(10)
            while clock.now < deadline, try await client.get("/api/v1/namespaces/team").status == 200 {
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(try await client.get("/api/v1/namespaces/team").status == 404)
            #expect(try await client.get("/api/v1/namespaces/team/configmaps/c").status == 404)
        }
    }

    /// The Recreate strategy removes every old pod before the new ReplicaSet scales up.
    @Test func recreateStrategy() async throws {
        try await withSandbox { _, client async throws in
            _ = try await client.post(Manifests.deployments, Manifests.deployment("web", replicas: 2, strategy: ["type": "Recreate"]))
            _ = try await client.waitFor("\(Manifests.deployments)/web") { $0.int(at: "status", "availableReplicas") == 2 }
            _ = try await client.patch(
                "\(Manifests.deployments)/web",
                ["spec": ["template": ["spec": ["containers": [["name": "app", "image": "registry.example/web:2"]]]]]],
                type: "application/strategic-merge-patch+json")
            let done = try await client.waitFor("\(Manifests.deployments)/web") {
                $0.int(at: "status", "updatedReplicas") == 2 && $0.int(at: "status", "availableReplicas") == 2
                    && $0.int(at: "status", "replicas") == 2
            }
            #expect(done.string(at: "metadata", "annotations", "deployment.kubernetes.io/revision") == "2")
            let pods = try await client.get("\(Manifests.pods)?labelSelector=app%3Dweb").json["items"].arrayValue ?? []
            #expect(pods.allSatisfy { $0.value(at: ["spec", "containers"])?.arrayValue?.first?["image"] == "registry.example/web:2" })
        }
    }

    /// kubectl's Table request gets the real columns and one row per object.
    @Test func tables() async throws {
        try await withSandbox { _, client async throws in
            _ = try await client.post(Manifests.deployments, Manifests.deployment("web", replicas: 1))
            _ = try await client.waitFor("\(Manifests.deployments)/web") { $0.int(at: "status", "availableReplicas") == 1 }
            let table = try await client.request(
                "GET", Manifests.deployments, headers: [("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json")]
            ).json
            #expect(table["kind"] == "Table")
            #expect(
                table["columnDefinitions"].arrayValue?.prefix(5).compactMap { $0["name"].stringValue } == [
                    "Name", "Ready", "Up-to-date", "Available", "Age",
                ])
            let row = try #require(table["rows"].arrayValue?.first)
            #expect(row["cells"].arrayValue?.prefix(4).map { $0 } == ["web", "1/1", 1, 1])
            #expect(row.string(at: "object", "kind") == "PartialObjectMetadata")
        }
    }

    /// Pod logs answer for started containers and say why not for waiting ones.
    @Test func podLogs() async throws {
        // Ready after a few seconds, so that the first log request comes before the container
        // starts even on a busy machine.
        try await withSandbox({ $0.readyAfter = .seconds(5) }) { _, client async throws in
            _ = try await client.post(Manifests.deployments, Manifests.deployment("web", replicas: 1))
            let list = try await client.waitFor("\(Manifests.pods)?labelSelector=app%3Dweb") { ($0["items"].arrayValue?.count ?? 0) == 1 }
            let name = try #require(list["items"].arrayValue?.first?.string(at: "metadata", "name"))
            let early = try await client.get("\(Manifests.pods)/\(name)/log")
            #expect(early.status == 400)
            #expect((early.json["message"].stringValue ?? "").hasSuffix("is waiting to start: ContainerCreating"))
            _ = try await client.waitFor("\(Manifests.deployments)/web", timeout: .seconds(60)) { $0.int(at: "status", "availableReplicas") == 1 }
            let log = try await client.get("\(Manifests.pods)/\(name)/log?container=app")
            #expect(log.status == 200)
            #expect(log.text.contains("container app started from image registry.example/web:1"))
            #expect(try await client.get("\(Manifests.pods)/\(name)/log?container=nope").status == 400)
        }
    }

    /// Controllers record events as the real ones do.
    @Test func events() async throws {
        try await withSandbox { _, client async throws in
            _ = try await client.post(Manifests.deployments, Manifests.deployment("web", replicas: 1))
            let events = try await client.waitFor("/api/v1/namespaces/default/events") { list in
                let reasons = Set((list["items"].arrayValue ?? []).compactMap { $0["reason"].stringValue })
                return reasons.isSuperset(of: ["ScalingReplicaSet", "SuccessfulCreate", "Scheduled", "Started"])
            }
            let scaling = events["items"].arrayValue?.first { $0["reason"] == "ScalingReplicaSet" }
            #expect(scaling?.string(at: "involvedObject", "kind") == "Deployment")
            // Bound to a name first: #expect mis-expands an optional-chained receiver into a
            // check whose result is discarded.
            let message = scaling?["message"].stringValue ?? ""
            #expect(message.hasPrefix("Scaled up replica set web-"), "\(message)")
        }
    }
}
