import Foundation
import Testing

@testable import KubeSandbox

struct ControllerTests {
    private func condition(_ object: JSON, _ type: String) -> JSON? {
        object.value(at: ["status", "conditions"])?.arrayValue?.first { $0["type"].stringValue == type }
    }

    /// A Deployment gets a ReplicaSet `<name>-<hash>` and pods `<rs>-<5>` labelled with the hash,
    /// and the status the real controller writes.
    @Test func deploymentRollsOut() async throws {
        try await withSandbox { _, client async throws in
            _ = try await client.post(Manifests.deployments, Manifests.deployment("web", replicas: 3))
            let done = try await client.waitFor("\(Manifests.deployments)/web") { $0.int(at: "status", "availableReplicas") == 3 }
            #expect(done.int(at: "status", "observedGeneration") == 1)
            #expect(done.int(at: "status", "updatedReplicas") == 3 && done.int(at: "status", "readyReplicas") == 3)
            #expect(condition(done, "Available")?["reason"] == "MinimumReplicasAvailable")
            #expect(condition(done, "Progressing")?["reason"] == "NewReplicaSetAvailable")
            let sets = try await client.get("/apis/apps/v1/namespaces/default/replicasets?labelSelector=app%3Dweb").json["items"].arrayValue ?? []
            #expect(sets.count == 1)
            let rs = try #require(sets.first)
            let hash = try #require(rs.string(at: "metadata", "labels", "pod-template-hash"))
            #expect(rs.string(at: "metadata", "name") == "web-\(hash)")
            #expect(hash.allSatisfy { "bcdfghjklmnpqrstvwxz2456789".contains($0) })
            #expect(rs.value(at: ["metadata", "ownerReferences"])?.arrayValue?.first?["kind"] == "Deployment")
            #expect(rs.string(at: "metadata", "annotations", "deployment.kubernetes.io/revision") == "1")
            let pods = try await client.get("\(Manifests.pods)?labelSelector=pod-template-hash%3D\(hash)").json["items"].arrayValue ?? []
            #expect(pods.count == 3)
            for pod in pods {
                let name = pod.string(at: "metadata", "name") ?? ""
                #expect(name.hasPrefix("web-\(hash)-") && name.count == "web-\(hash)-".count + 5)
                #expect(pod.string(at: "status", "phase") == "Running")
                #expect(pod.string(at: "spec", "nodeName")?.hasPrefix("sandbox-node-") == true)
                #expect(pod.string(at: "status", "podIP") != nil)
            }
        }
    }

    /// A rolling update never exceeds replicas + maxSurge pods nor drops below replicas − maxUnavailable available.
    @Test func rollingUpdateStaysWithinBounds() async throws {
        try await withSandbox({ $0.readyAfter = .milliseconds(150) }) { _, client async throws in
            let strategy: JSON = ["type": "RollingUpdate", "rollingUpdate": ["maxSurge": 1, "maxUnavailable": 0]]
            _ = try await client.post(Manifests.deployments, Manifests.deployment("web", replicas: 4, strategy: strategy))
            _ = try await client.waitFor("\(Manifests.deployments)/web") { $0.int(at: "status", "availableReplicas") == 4 }
            let before = try await client.get(Manifests.pods).json
            let version = before.string(at: "metadata", "resourceVersion") ?? "0"
            let initial = Dictionary(
                (before["items"].arrayValue ?? []).map { ($0.string(at: "metadata", "name") ?? "", $0) }, uniquingKeysWith: { a, _ in a })
            #expect(initial.count == 4)
            let (_, events) = try await client.watch("\(Manifests.pods)?watch=1&resourceVersion=\(version)")
            _ = try await client.patch(
                "\(Manifests.deployments)/web",
                ["spec": ["template": ["spec": ["containers": [["name": "app", "image": "registry.example/web:2"]]]]]],
                type: "application/strategic-merge-patch+json")
            let observer = Task {
                var live = initial
                var maxPods = 0
                var minReady = Int.max
                for try await event in events {
                    let name = event.string(at: "object", "metadata", "name") ?? ""
                    if event["type"] == "DELETED" { live[name] = nil } else { live[name] = event["object"] }
                    let active = live.values.filter { $0.value(at: ["metadata", "deletionTimestamp"]) == nil }
                    maxPods = max(maxPods, active.count)
                    let ready = active.filter { pod in
                        pod.value(at: ["status", "conditions"])?.arrayValue?.contains { $0["type"] == "Ready" && $0["status"] == "True" } == true
                    }
                    if live.count >= 4 { minReady = min(minReady, ready.count) }
                    let updated = active.filter { $0.value(at: ["spec", "containers"])?.arrayValue?.first?["image"] == "registry.example/web:2" }
                    if updated.count == 4, ready.count == 4, active.count == 4 { break }
                }
                return (maxPods, minReady)
            }
            let done = try await client.waitFor("\(Manifests.deployments)/web") {
                $0.int(at: "status", "updatedReplicas") == 4 && $0.int(at: "status", "availableReplicas") == 4
                    && $0.int(at: "status", "replicas") == 4
            }
            #expect(done.int(at: "status", "observedGeneration") == 2)
            let (maxPods, minReady) = try await observer.value
            #expect(maxPods <= 5)
            #expect(minReady >= 4)
            let sets = try await client.get("/apis/apps/v1/namespaces/default/replicasets").json["items"].arrayValue ?? []
            #expect(sets.count == 2)
            #expect(sets.compactMap { $0.int(at: "spec", "replicas") }.sorted() == [0, 4])
        }
    }

    /// A rollout that cannot finish reports ProgressDeadlineExceeded after progressDeadlineSeconds.
    @Test func progressDeadlineExceeded() async throws {
        try await withSandbox({
            $0.imageRules = [ImageRule(pattern: "*:broken", behaviour: .pullFailure)]; $0.backOff = .milliseconds(200)
        }) { _, client async throws in
            _ = try await client.post(
                Manifests.deployments, Manifests.deployment("bad", replicas: 2, image: "registry.example/web:broken", progressDeadline: 1))
            let failed = try await client.waitFor("\(Manifests.deployments)/bad", timeout: .seconds(10)) {
                self.condition($0, "Progressing")?["reason"] == "ProgressDeadlineExceeded"
            }
            #expect(condition(failed, "Progressing")?["status"] == "False")
            let message = condition(failed, "Progressing")?["message"].stringValue ?? ""
            #expect(message.hasSuffix("has timed out progressing."))
            #expect(condition(failed, "Available")?["reason"] == "MinimumReplicasUnavailable")
            let pods = try await client.get("\(Manifests.pods)?labelSelector=app%3Dbad").json["items"].arrayValue ?? []
            let reasons = Set(
                pods.compactMap { $0.value(at: ["status", "containerStatuses"])?.arrayValue?.first?.string(at: "state", "waiting", "reason") })
            #expect(!reasons.isEmpty && reasons.isSubset(of: ["ErrImagePull", "ImagePullBackOff"]))
            #expect(pods.allSatisfy { $0.string(at: "status", "phase") == "Pending" })
        }
    }

    /// Crashing images go into CrashLoopBackOff with growing restart counts.
    @Test func crashLoop() async throws {
        try await withSandbox({
            $0.imageRules = [ImageRule(pattern: "*crash*", behaviour: .crashLoop)]; $0.backOff = .milliseconds(100)
        }) { _, client async throws in
            _ = try await client.post(Manifests.deployments, Manifests.deployment("crash", replicas: 1, image: "registry.example/crash:1"))
            let pods = try await client.waitFor("\(Manifests.pods)?labelSelector=app%3Dcrash") { list in
                (list["items"].arrayValue?.first?.value(at: ["status", "containerStatuses"])?.arrayValue?.first?["restartCount"].intValue ?? 0) >= 3
            }
            let status = try #require(pods["items"].arrayValue?.first?.value(at: ["status", "containerStatuses"])?.arrayValue?.first)
            #expect(status.string(at: "state", "waiting", "reason") == "CrashLoopBackOff")
            #expect(status.int(at: "lastState", "terminated", "exitCode") == 1)
            #expect(status["ready"] == false)
        }
    }

    /// Pods that fit on no node stay Pending with PodScheduled=False/Unschedulable.
    @Test func schedulerRespectsCapacity() async throws {
        try await withSandbox({ $0.nodes = SandboxConfiguration.nodes(count: 2, cpu: "1", memory: "1Gi", pods: 10) }) { _, client async throws in
            _ = try await client.post(Manifests.deployments, Manifests.deployment("big", replicas: 3, cpu: "600m"))
            let list = try await client.waitFor("\(Manifests.pods)?labelSelector=app%3Dbig") { list in
                (list["items"].arrayValue ?? []).contains { pod in
                    pod.value(at: ["status", "conditions"])?.arrayValue?.contains { $0["type"] == "PodScheduled" && $0["reason"] == "Unschedulable" }
                        == true
                }
            }
            let pods = list["items"].arrayValue ?? []
            #expect(pods.filter { $0.string(at: "spec", "nodeName") != nil }.count == 2)
            let pending = try #require(pods.first { $0.string(at: "spec", "nodeName") == nil })
            let scheduled = pending.value(at: ["status", "conditions"])?.arrayValue?.first { $0["type"] == "PodScheduled" }
            #expect(scheduled?["status"] == "False")
            let message = scheduled?["message"].stringValue ?? ""
            #expect(message.hasPrefix("0/2 nodes are available: 2 Insufficient cpu."))
            #expect(pending.string(at: "status", "phase") == "Pending")
        }
    }

    /// A NotReady node takes no new pods and its pods are reported not ready.
    @Test func nodeReadiness() async throws {
        try await withSandbox({ $0.nodes = SandboxConfiguration.nodes(count: 1) }) { sandbox, client async throws in
            _ = try await client.post(Manifests.deployments, Manifests.deployment("web", replicas: 1))
            _ = try await client.waitFor("\(Manifests.deployments)/web") { $0.int(at: "status", "availableReplicas") == 1 }
            #expect(await sandbox.setNodeReady(name: "sandbox-node-1", ready: false))
            let node = try await client.get("/api/v1/nodes/sandbox-node-1").json
            #expect(node.value(at: ["spec", "taints"])?.arrayValue?.first?["key"] == "node.kubernetes.io/not-ready")
            _ = try await client.waitFor("\(Manifests.deployments)/web") { ($0.int(at: "status", "availableReplicas") ?? 0) == 0 }
            _ = try await client.patch("\(Manifests.deployments)/web/scale", ["spec": ["replicas": 2]], type: "application/merge-patch+json")
            let pods = try await client.waitFor("\(Manifests.pods)?labelSelector=app%3Dweb") { ($0["items"].arrayValue?.count ?? 0) == 2 }
            #expect(pods["items"].arrayValue?.filter { $0.string(at: "spec", "nodeName") == nil }.count == 1)
            await sandbox.setNodeReady(name: "sandbox-node-1", ready: true)
            _ = try await client.waitFor("\(Manifests.deployments)/web") { $0.int(at: "status", "availableReplicas") == 2 }
            #expect(await sandbox.setNodeReady(name: "nope", ready: true) == false)
        }
    }

    /// Endpoints and EndpointSlices follow the ready pods a Service selects, including a selector switch.
    @Test func endpointsFollowTheSelector() async throws {
        try await withSandbox { _, client async throws in
            _ = try await client.post(Manifests.deployments, Manifests.deployment("blue", replicas: 2, labels: ["app": "blue", "svc": "web"]))
            _ = try await client.post(Manifests.deployments, Manifests.deployment("green", replicas: 1, labels: ["app": "green", "svc": "web"]))
            _ = try await client.post(Manifests.services, Manifests.service("web", selector: ["app": "blue"]))
            let endpoints = try await client.waitFor("/api/v1/namespaces/default/endpoints/web") {
                $0["subsets"].arrayValue?.first?["addresses"].arrayValue?.count == 2
            }
            #expect(endpoints["subsets"].arrayValue?.first?["ports"].arrayValue?.first?["port"].intValue == 8080)
            let blueIPs = Set(
                try await client.get("\(Manifests.pods)?labelSelector=app%3Dblue").json["items"].arrayValue?.compactMap {
                    $0.string(at: "status", "podIP")
                } ?? [])
            #expect(Set(endpoints["subsets"].arrayValue?.first?["addresses"].arrayValue?.compactMap { $0["ip"].stringValue } ?? []) == blueIPs)
            _ = try await client.patch(
                "\(Manifests.services)/web", ["spec": ["selector": ["app": "green"]]], type: "application/strategic-merge-patch+json")
            _ = try await client.waitFor("/api/v1/namespaces/default/endpoints/web") {
                $0["subsets"].arrayValue?.first?["addresses"].arrayValue?.count == 1
            }
            let slices = try await client.waitFor(
                "/apis/discovery.k8s.io/v1/namespaces/default/endpointslices?labelSelector=kubernetes.io/service-name%3Dweb"
            ) {
                $0["items"].arrayValue?.first?["endpoints"].arrayValue?.count == 1
            }
            #expect(slices["items"].arrayValue?.first?["addressType"] == "IPv4")
        }
    }

    /// Deleting a Deployment cascades to its ReplicaSets and pods (background), or leaves them (orphan).
    @Test func cascadingDeletion() async throws {
        try await withSandbox { _, client async throws in
            _ = try await client.post(Manifests.deployments, Manifests.deployment("gone", replicas: 2))
            _ = try await client.post(Manifests.deployments, Manifests.deployment("kept", replicas: 1))
            _ = try await client.waitFor("\(Manifests.deployments)/gone") { $0.int(at: "status", "availableReplicas") == 2 }
            _ = try await client.waitFor("\(Manifests.deployments)/kept") { $0.int(at: "status", "availableReplicas") == 1 }
            #expect(try await client.delete("\(Manifests.deployments)/gone", ["propagationPolicy": "Background"]).status == 200)
            _ = try await client.waitFor("\(Manifests.pods)?labelSelector=app%3Dgone") { $0["items"].arrayValue?.isEmpty == true }
            #expect(
                try await client.get("/apis/apps/v1/namespaces/default/replicasets?labelSelector=app%3Dgone").json["items"].arrayValue?.isEmpty
                    == true)
            _ = try await client.delete("\(Manifests.deployments)/kept", ["propagationPolicy": "Orphan"])
            _ = try await client.waitFor("/apis/apps/v1/namespaces/default/replicasets?labelSelector=app%3Dkept") { list in
                list["items"].arrayValue?.first.map { $0.value(at: ["metadata", "ownerReferences"]) == nil } ?? false
            }
            #expect(try await client.get("\(Manifests.deployments)/kept").status == 404)
            #expect(try await client.get("\(Manifests.pods)?labelSelector=app%3Dkept").json["items"].arrayValue?.count == 1)
        }
    }
}
