import Foundation
import Testing

@testable import KubeSandbox

struct APISemanticsTests {
    /// Discovery, version and health answer as kubectl expects.
    @Test func discoveryAndVersion() async throws {
        try await withSandbox { _, client async throws in
            #expect(try await client.get("/healthz").text == "ok")
            #expect(try await client.get("/version").json["gitVersion"] == "v1.31.0")
            #expect(try await client.get("/api").json["versions"] == ["v1"])
            let groups = try await client.get("/apis").json["groups"].arrayValue?.compactMap { $0["name"].stringValue } ?? []
            #expect(groups == ["apps", "coordination.k8s.io", "discovery.k8s.io", "authentication.k8s.io", "authorization.k8s.io"])
            let apps = try await client.get("/apis/apps/v1").json["resources"].arrayValue?.compactMap { $0["name"].stringValue } ?? []
            #expect(apps.contains("deployments/scale") && apps.contains("deployments/status") && apps.contains("replicasets"))
            #expect(try await client.get("/openapi/v3").json.value(at: ["paths", "apis/apps/v1"]) != nil)
            #expect(try await client.get("/openapi/v2").status == 200)
        }
    }

    /// Create sets uid, creationTimestamp and resourceVersion, keeps unknown fields, and answers 201.
    @Test func createSetsSystemFields() async throws {
        try await withSandbox { _, client async throws in
            var manifest = Manifests.configMap("a")
            manifest["x-unknown"] = ["nested": [1, 2]]
            let answer = try await client.post(Manifests.configMaps, manifest)
            #expect(answer.status == 201)
            let object = answer.json
            #expect(UUID(uuidString: object.string(at: "metadata", "uid") ?? "") != nil)
            #expect(Timestamp.parse(object.string(at: "metadata", "creationTimestamp") ?? "") != nil)
            #expect(Int(object.string(at: "metadata", "resourceVersion") ?? "") != nil)
            #expect(object["x-unknown"] == ["nested": [1, 2]])
            #expect(try await client.get("\(Manifests.configMaps)/a").json["x-unknown"] == ["nested": [1, 2]])
        }
    }

    /// resourceVersion increases across the whole store, whatever the resource.
    @Test func resourceVersionIsGlobal() async throws {
        try await withSandbox { _, client async throws in
            let first = try await client.post(Manifests.configMaps, Manifests.configMap("one")).json
            let lease: JSON = ["apiVersion": "coordination.k8s.io/v1", "kind": "Lease", "metadata": ["name": "l"], "spec": ["holderIdentity": "me"]]
            let second = try await client.post("/apis/coordination.k8s.io/v1/namespaces/default/leases", lease).json
            let third = try await client.post(Manifests.configMaps, Manifests.configMap("two")).json
            let versions = [first, second, third].compactMap { Int($0.string(at: "metadata", "resourceVersion") ?? "") }
            #expect(versions.count == 3)
            #expect(versions == versions.sorted() && Set(versions).count == 3)
        }
    }

    /// metadata.generation is bumped by spec changes only, not by label or status changes.
    @Test func generationFollowsSpecOnly() async throws {
        try await withSandbox { _, client async throws in
            let path = "\(Manifests.deployments)/web"
            #expect(try await client.post(Manifests.deployments, Manifests.deployment("web")).json.int(at: "metadata", "generation") == 1)
            let labelled = try await client.patch(path, ["metadata": ["labels": ["x": "y"]]], type: "application/merge-patch+json").json
            #expect(labelled.int(at: "metadata", "generation") == 1)
            let statusPatched = try await client.patch("\(path)/status", ["status": ["collisionCount": 0]], type: "application/merge-patch+json").json
            #expect(statusPatched.int(at: "metadata", "generation") == 1)
            let scaled = try await client.patch(path, ["spec": ["replicas": 4]], type: "application/merge-patch+json").json
            #expect(scaled.int(at: "metadata", "generation") == 2)
        }
    }

    /// An update with a stale resourceVersion is a 409 Conflict worded like the real server's.
    @Test func staleResourceVersionConflicts() async throws {
        try await withSandbox { _, client async throws in
            let created = try await client.post(Manifests.services, Manifests.service("web", selector: ["app": "web"])).json
            var first = created
            first.setValue(["app": "web", "version": "1"], at: ["spec", "selector"])
            #expect(try await client.put("\(Manifests.services)/web", first).status == 200)
            var stale = created
            stale.setValue(["app": "web", "version": "2"], at: ["spec", "selector"])
            let answer = try await client.put("\(Manifests.services)/web", stale)
            #expect(answer.status == 409)
            #expect(answer.json["reason"] == "Conflict")
            #expect(
                answer.json["message"]
                    == "Operation cannot be fulfilled on services \"web\": the object has been modified; please apply your changes to the latest version and try again"
            )
            let guarded = try await client.patch(
                "\(Manifests.services)/web", ["metadata": ["resourceVersion": "1"], "spec": ["selector": ["app": "x"]]],
                type: "application/merge-patch+json")
            #expect(guarded.status == 409)
        }
    }

    /// AlreadyExists, NotFound, Invalid (with causes) and MethodNotAllowed come back as Status documents.
    @Test func statusBodies() async throws {
        try await withSandbox { _, client async throws in
            _ = try await client.post(Manifests.deployments, Manifests.deployment("web"))
            let exists = try await client.post(Manifests.deployments, Manifests.deployment("web"))
            #expect(exists.status == 409)
            #expect(exists.json["reason"] == "AlreadyExists")
            #expect(exists.json["message"] == "deployments.apps \"web\" already exists")
            let missing = try await client.get("\(Manifests.deployments)/nope")
            #expect(missing.status == 404)
            #expect(missing.json["kind"] == "Status" && missing.json["reason"] == "NotFound")
            #expect(missing.json["message"] == "deployments.apps \"nope\" not found")
            #expect(missing.json["details"] == ["name": "nope", "group": "apps", "kind": "deployments"])
            var invalid = Manifests.deployment("bad")
            invalid.setValue(["app": "other"], at: ["spec", "template", "metadata", "labels"])
            let rejected = try await client.post(Manifests.deployments, invalid)
            #expect(rejected.status == 422)
            #expect(rejected.json["reason"] == "Invalid")
            #expect(rejected.json.value(at: ["details", "causes"])?.arrayValue?.first?["field"] == "spec.template.metadata.labels")
            #expect(
                (rejected.json["message"].stringValue ?? "").hasPrefix(
                    "Deployment.apps \"bad\" is invalid: spec.template.metadata.labels: Invalid value"))
            let badName = try await client.post(Manifests.configMaps, Manifests.configMap("Bad_Name"))
            #expect(badName.status == 422)
            let method = try await client.request("POST", "\(Manifests.deployments)/web")
            #expect(method.status == 405)
            #expect(method.json["reason"] == "MethodNotAllowed")
            let namespace = try await client.post("/api/v1/namespaces/nowhere/configmaps", Manifests.configMap("x"))
            #expect(namespace.status == 404)
            #expect(namespace.json["message"] == "namespaces \"nowhere\" not found")
        }
    }

    /// Label selectors (equality and set-based) and field selectors filter lists.
    @Test func selectorsOnLists() async throws {
        try await withSandbox { _, client async throws in
            for (name, tier) in [("a", "front"), ("b", "back"), ("c", "front")] {
                _ = try await client.post(Manifests.configMaps, Manifests.configMap(name, labels: ["app": "demo", "tier": .string(tier)]))
            }
            func names(_ query: String) async throws -> [String] {
                try await client.get("\(Manifests.configMaps)?\(query)").json["items"].arrayValue?.compactMap { $0.string(at: "metadata", "name") }
                    ?? []
            }
            #expect(try await names("labelSelector=tier%3Dfront") == ["a", "c"])
            #expect(try await names("labelSelector=tier%20in%20(back)") == ["b"])
            #expect(try await names("labelSelector=tier!%3Dfront,app") == ["b"])
            #expect(try await names("fieldSelector=metadata.name%3Dc") == ["c"])
            #expect(try await names("fieldSelector=metadata.name!%3Dc&labelSelector=tier%3Dfront") == ["a"])
            #expect(try await client.get("\(Manifests.configMaps)?fieldSelector=data.key%3Dx").status == 400)
            let list = try await client.get(Manifests.configMaps).json
            #expect(list["kind"] == "ConfigMapList")
            #expect(list["items"].arrayValue?.first?["kind"].isNull == true)
        }
    }

    /// The status and scale subresources read and write only their part.
    @Test func statusAndScaleSubresources() async throws {
        try await withSandbox { _, client async throws in
            let path = "\(Manifests.deployments)/web"
            _ = try await client.post(Manifests.deployments, Manifests.deployment("web", replicas: 2))
            let scale = try await client.get("\(path)/scale").json
            #expect(scale["kind"] == "Scale" && scale["apiVersion"] == "autoscaling/v1")
            #expect(scale.int(at: "spec", "replicas") == 2)
            #expect(scale.string(at: "status", "selector") == "app=web")
            let patched = try await client.patch("\(path)/scale", ["spec": ["replicas": 5]], type: "application/merge-patch+json").json
            #expect(patched.int(at: "spec", "replicas") == 5)
            #expect(try await client.get(path).json.int(at: "spec", "replicas") == 5)
            var body = try await client.get(path).json
            body.setValue(9, at: ["spec", "replicas"])
            body.setValue(nil, at: ["metadata", "resourceVersion"])
            body.setValue(["observedGeneration": 42], at: ["status"])
            let updated = try await client.put("\(path)/status", body).json
            #expect(updated.int(at: "status", "observedGeneration") == 42)
            #expect(updated.int(at: "spec", "replicas") == 5)
        }
    }

    /// Delete preconditions on uid and resourceVersion are checked.
    @Test func deletePreconditions() async throws {
        try await withSandbox { _, client async throws in
            let created = try await client.post(Manifests.configMaps, Manifests.configMap("a")).json
            let wrong = try await client.delete(
                "\(Manifests.configMaps)/a", ["kind": "DeleteOptions", "apiVersion": "v1", "preconditions": ["uid": "nope"]])
            #expect(wrong.status == 409)
            #expect((wrong.json["message"].stringValue ?? "").contains("Precondition failed: UID in precondition: nope"))
            let right = try await client.delete(
                "\(Manifests.configMaps)/a",
                [
                    "preconditions": [
                        "uid": created.value(at: ["metadata", "uid"]) ?? nil,
                        "resourceVersion": created.value(at: ["metadata", "resourceVersion"]) ?? nil,
                    ]
                ])
            #expect(right.status == 200)
            #expect(right.json["status"] == "Success")
            #expect(try await client.get("\(Manifests.configMaps)/a").status == 404)
        }
    }

    /// Finalizers keep a deleted object until they are removed.
    @Test func finalizersDelayDeletion() async throws {
        try await withSandbox { _, client async throws in
            var manifest = Manifests.configMap("held")
            manifest.setValue(["example.com/hold"], at: ["metadata", "finalizers"])
            _ = try await client.post(Manifests.configMaps, manifest)
            let deleted = try await client.delete("\(Manifests.configMaps)/held")
            #expect(deleted.status == 200)
            #expect(deleted.json.value(at: ["metadata", "deletionTimestamp"]) != nil)
            #expect(try await client.get("\(Manifests.configMaps)/held").status == 200)
            let released = try await client.patch(
                "\(Manifests.configMaps)/held", ["metadata": ["finalizers": nil]], type: "application/merge-patch+json")
            #expect(released.status == 200)
            #expect(try await client.get("\(Manifests.configMaps)/held").status == 404)
        }
    }

    /// Namespaced and cluster-scoped paths resolve as on a real server; unknown paths are 404.
    @Test func pathsAndScopes() async throws {
        try await withSandbox { _, client async throws in
            #expect(try await client.get("/api/v1/nodes").json["items"].arrayValue?.count == 3)
            #expect(try await client.get("/api/v1/namespaces/default").json["kind"] == "Namespace")
            #expect(try await client.get("/api/v1/pods").status == 200)
            #expect(try await client.get("/api/v1/namespaces/default/nodes").status == 404)
            #expect(try await client.get("/apis/apps/v1/widgets").status == 404)
            _ = try await client.post("/api/v1/namespaces", ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "team"]])
            #expect(try await client.post("/api/v1/namespaces/team/configmaps", Manifests.configMap("c")).status == 201)
            #expect(
                try await client.get("/api/v1/configmaps").json["items"].arrayValue?.contains { $0.string(at: "metadata", "namespace") == "team" }
                    == true)
            let inTeam = try await client.get("/api/v1/configmaps?fieldSelector=metadata.namespace%3Dteam").json["items"].arrayValue ?? []
            #expect(inTeam.compactMap { $0.string(at: "metadata", "name") } == ["c"])
        }
    }

    /// Server-side apply creates, reapplies without change, reports conflicts and forces.
    @Test func serverSideApply() async throws {
        try await withSandbox { _, client async throws in
            let path = "\(Manifests.configMaps)/settings"
            let config = Manifests.configMap("settings", data: ["mode": "blue", "size": "2"]).text
            let created = try await client.request(
                "PATCH", "\(path)?fieldManager=pipeline", contentType: "application/apply-patch+yaml", rawBody: config)
            #expect(created.status == 201)
            #expect(created.json.value(at: ["metadata", "managedFields"])?.arrayValue?.first?["manager"] == "pipeline")
            #expect(created.json.value(at: ["metadata", "managedFields"])?.arrayValue?.first?["operation"] == "Apply")
            let again = try await client.request(
                "PATCH", "\(path)?fieldManager=pipeline", contentType: "application/apply-patch+yaml", rawBody: config)
            #expect(again.status == 200)
            #expect(again.json.string(at: "metadata", "resourceVersion") == created.json.string(at: "metadata", "resourceVersion"))
            let other = Manifests.configMap("settings", data: ["mode": "green"]).text
            let conflict = try await client.request(
                "PATCH", "\(path)?fieldManager=other", contentType: "application/apply-patch+yaml", rawBody: other)
            #expect(conflict.status == 409)
            #expect(conflict.json["message"] == "Apply failed with 1 conflict: conflict with \"pipeline\": .data.mode")
            #expect(conflict.json.value(at: ["details", "causes"])?.arrayValue?.first?["field"] == ".data.mode")
            let forced = try await client.request(
                "PATCH", "\(path)?fieldManager=other&force=true", contentType: "application/apply-patch+yaml", rawBody: other)
            #expect(forced.status == 200)
            #expect(forced.json["data"] == ["mode": "green", "size": "2"])
            // The first manager no longer sets mode; dropping size from its configuration removes it.
            let shrunk = Manifests.configMap("settings", data: [:]).text
            let removed = try await client.request(
                "PATCH", "\(path)?fieldManager=pipeline", contentType: "application/apply-patch+yaml", rawBody: shrunk)
            #expect(removed.json["data"] == ["mode": "green"])
            // An update by the same name is another manager for apply (name and operation tell them apart).
            _ = try await client.patch("\(path)?fieldManager=pipeline", ["data": ["size": "3"]], type: "application/merge-patch+json")
            let ownUpdate = Manifests.configMap("settings", data: ["size": "4"]).text
            let selfConflict = try await client.request(
                "PATCH", "\(path)?fieldManager=pipeline", contentType: "application/apply-patch+yaml", rawBody: ownUpdate)
            #expect(selfConflict.status == 409)
            #expect(selfConflict.json["message"] == "Apply failed with 1 conflict: conflict with \"pipeline\" using v1: .data.size")
            let missingManager = try await client.request("PATCH", path, contentType: "application/apply-patch+yaml", rawBody: config)
            #expect(missingManager.status == 400)
        }
    }

    /// An unsupported patch content type is 415.
    @Test func unsupportedPatchType() async throws {
        try await withSandbox { _, client async throws in
            _ = try await client.post(Manifests.configMaps, Manifests.configMap("a"))
            #expect(try await client.patch("\(Manifests.configMaps)/a", ["data": ["k": "v"]], type: "text/plain").status == 415)
        }
    }

    /// Secret stringData is merged into data as base64 and not stored.
    @Test func secretStringData() async throws {
        try await withSandbox { _, client async throws in
            let secret: JSON = ["apiVersion": "v1", "kind": "Secret", "metadata": ["name": "s"], "stringData": ["password": "hunter2"]]
            let created = try await client.post("/api/v1/namespaces/default/secrets", secret).json
            #expect(created.value(at: ["data", "password"]) == "aHVudGVyMg==")
            #expect(created["stringData"].isNull)
            #expect(created["type"] == "Opaque")
        }
    }

    /// dryRun=All validates and answers without storing.
    @Test func dryRun() async throws {
        try await withSandbox { _, client async throws in
            #expect(try await client.post("\(Manifests.configMaps)?dryRun=All", Manifests.configMap("dry")).status == 201)
            #expect(try await client.get("\(Manifests.configMaps)/dry").status == 404)
        }
    }
}
