/// A minimal OpenAPI v3 description. kubectl reads it to learn whether the server validates
/// fields itself (the `fieldValidation` parameter of each PATCH operation); when it does,
/// kubectl sends `fieldValidation=Strict` instead of validating against full schemas on the
/// client, so `kubectl apply` works without `--validate=false`. Schemas are left out: kubectl
/// then computes strategic merge patches from its compiled-in types, as it does for any
/// built-in kind.
enum OpenAPIDocument {
    static let hash = "5A5D5B5C"

    static func root() -> JSON {
        var paths = JSONObject()
        for (group, version) in ResourceCatalog.groupVersions {
            let path = group.isEmpty ? "api/\(version)" : "apis/\(group)/\(version)"
            paths[path] = ["serverRelativeURL": .string("/openapi/v3/\(path)?hash=\(hash)")]
        }
        return ["paths": .object(paths)]
    }

    static func groupVersion(_ path: String) -> JSON? {
        let types = ResourceCatalog.all.filter { type in
            (type.group.isEmpty ? "api/\(type.version)" : "apis/\(type.group)/\(type.version)") == path
        }
        guard !types.isEmpty else { return nil }
        var paths = JSONObject()
        let parameters: JSON = .array(["dryRun", "fieldManager", "fieldValidation", "force", "pretty"].map { name in
            ["name": .string(name), "in": "query", "schema": ["type": name == "force" ? "boolean" : "string", "uniqueItems": true]]
        })
        for type in types {
            let gvk: JSON = ["group": .string(type.group), "version": .string(type.version), "kind": .string(type.kind)]
            let base = type.namespaced ? "/\(path)/namespaces/{namespace}/\(type.resource)/{name}" : "/\(path)/\(type.resource)/{name}"
            let operation: JSON = [
                "operationId": .string("patch\(type.kind)"),
                "parameters": parameters,
                "responses": ["200": ["description": "OK"]],
                "x-kubernetes-action": "patch",
                "x-kubernetes-group-version-kind": gvk,
            ]
            paths[base] = ["patch": operation]
        }
        return [
            "openapi": "3.0.0",
            "info": ["title": "Kubernetes", "version": "v1.31.0"],
            "paths": .object(paths),
            "components": ["schemas": .object(JSONObject())],
        ]
    }
}
