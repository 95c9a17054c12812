import Testing

@testable import KubeSandbox

struct PatchTests {
    let deployment: JSON = [
        "metadata": ["name": "web", "labels": ["app": "web", "old": "x"], "finalizers": ["a"]],
        "spec": [
            "template": [
                "spec": [
                    "containers": [
                        ["name": "app", "image": "web:1", "ports": [["containerPort": 80, "name": "http"]], "env": [["name": "A", "value": "1"]]],
                        ["name": "sidecar", "image": "proxy:1"],
                    ]
                ]
            ]
        ],
    ]

    /// JSON merge patch merges objects, replaces lists and removes with null.
    @Test func mergePatch() {
        let patched = JSONMergePatch.apply(
            ["metadata": ["labels": ["old": nil, "new": "y"]], "spec": ["template": ["spec": ["containers": [["name": "only"]]]]]], to: deployment)
        #expect(patched.value(at: ["metadata", "labels"]) == ["app": "web", "new": "y"])
        #expect(patched.value(at: ["spec", "template", "spec", "containers"])?.arrayValue?.count == 1)
    }

    /// Strategic merge patch merges containers by name and their ports by containerPort.
    @Test func strategicMergeByKeys() throws {
        let patch: JSON = [
            "spec": [
                "template": [
                    "spec": [
                        "containers": [
                            ["name": "app", "image": "web:2", "ports": [["containerPort": 9090]], "env": [["name": "B", "value": "2"]]]
                        ]
                    ]
                ]
            ]
        ]
        let patched = try StrategicMergePatch.apply(patch, to: deployment)
        let containers = patched.value(at: ["spec", "template", "spec", "containers"])?.arrayValue ?? []
        #expect(containers.count == 2)
        #expect(containers[0]["image"] == "web:2")
        #expect(containers[0]["ports"].arrayValue?.compactMap { $0["containerPort"].intValue } == [80, 9090])
        #expect(containers[0]["env"].arrayValue?.compactMap { $0["name"].stringValue } == ["A", "B"])
        #expect(containers[1]["image"] == "proxy:1")
    }

    /// `$patch: delete`, `$patch: replace`, `$setElementOrder` and `$deleteFromPrimitiveList` directives.
    @Test func strategicDirectives() throws {
        let deleteSidecar = try StrategicMergePatch.apply(
            ["spec": ["template": ["spec": ["containers": [["name": "sidecar", "$patch": "delete"]]]]]], to: deployment)
        #expect(deleteSidecar.value(at: ["spec", "template", "spec", "containers"])?.arrayValue?.count == 1)
        let reordered = try StrategicMergePatch.apply(
            [
                "spec": [
                    "template": [
                        "spec": [
                            "$setElementOrder/containers": [["name": "sidecar"], ["name": "app"]], "containers": [["name": "app", "image": "web:3"]],
                        ]
                    ]
                ]
            ], to: deployment)
        #expect(
            reordered.value(at: ["spec", "template", "spec", "containers"])?.arrayValue?.compactMap { $0["name"].stringValue } == ["sidecar", "app"])
        let replaced = try StrategicMergePatch.apply(["metadata": ["labels": ["$patch": "replace", "only": "z"]]], to: deployment)
        #expect(replaced.value(at: ["metadata", "labels"]) == ["only": "z"])
        let finalizers = try StrategicMergePatch.apply(
            ["metadata": ["$deleteFromPrimitiveList/finalizers": ["a"], "finalizers": ["b"]]], to: deployment)
        #expect(finalizers.value(at: ["metadata", "finalizers"]) == ["b"])
    }

    /// Service ports merge by `port`, keeping the fields the patch leaves out.
    @Test func servicePortsMergeByPort() throws {
        let service: JSON = ["spec": ["ports": [["name": "http", "port": 80, "targetPort": 8080], ["name": "https", "port": 443]]]]
        let patched = try StrategicMergePatch.apply(
            ["spec": ["ports": [["port": 80, "targetPort": 9090], ["name": "admin", "port": 9000]]]], to: service)
        let ports = patched.value(at: ["spec", "ports"])?.arrayValue ?? []
        #expect(ports.compactMap { $0["port"].intValue } == [80, 443, 9000])
        #expect(ports.first?["name"] == "http")
        #expect(ports.first?["targetPort"].intValue == 9090)
    }

    /// JSON patch applies add, replace, remove, move, copy and test; a failed test is a 422.
    @Test func jsonPatch() throws {
        let patch: JSON = [
            ["op": "add", "path": "/metadata/labels/tier", "value": "front"],
            ["op": "replace", "path": "/spec/template/spec/containers/0/image", "value": "web:9"],
            ["op": "remove", "path": "/metadata/labels/old"],
            ["op": "copy", "from": "/metadata/labels/app", "path": "/metadata/labels/copy"],
            ["op": "move", "from": "/metadata/labels/copy", "path": "/metadata/labels/moved"],
            ["op": "add", "path": "/metadata/finalizers/-", "value": "b"],
            ["op": "test", "path": "/metadata/name", "value": "web"],
        ]
        let patched = try JSONPatch.apply(patch, to: deployment)
        #expect(patched.value(at: ["metadata", "labels"]) == ["app": "web", "tier": "front", "moved": "web"])
        #expect(patched.value(at: ["spec", "template", "spec", "containers"])?.arrayValue?.first?["image"] == "web:9")
        #expect(patched.value(at: ["metadata", "finalizers"]) == ["a", "b"])
        do {
            _ = try JSONPatch.apply([["op": "test", "path": "/metadata/name", "value": "other"]], to: deployment)
            Issue.record("a failing test operation was accepted")
        } catch let error as APIError {
            #expect(error.code == 422)
        }
    }
}
