/// The discovery documents kubectl reads before anything else: `/api`, `/apis`, each group and
/// each group version's resource list (the legacy, non-aggregated form, which every client
/// falls back to).
enum Discovery {
    static func coreVersions(serverAddress: String) -> JSON {
        [
            "kind": "APIVersions",
            "versions": ["v1"],
            "serverAddressByClientCIDRs": [["clientCIDR": "0.0.0.0/0", "serverAddress": .string(serverAddress)]],
        ]
    }

    static func group(_ name: String) -> JSON {
        let versions = ResourceCatalog.groupVersions.filter { $0.group == name }.map { entry -> JSON in
            ["groupVersion": .string("\(entry.group)/\(entry.version)"), "version": .string(entry.version)]
        }
        return [
            "kind": "APIGroup", "apiVersion": "v1", "name": .string(name),
            "versions": .array(versions), "preferredVersion": versions.first ?? .null,
        ]
    }

    static func groups() -> JSON {
        let names = ResourceCatalog.groupVersions.map(\.group).filter { !$0.isEmpty }
        var unique: [String] = []
        for name in names where !unique.contains(name) { unique.append(name) }
        var list = unique.map { group($0) }
        for index in list.indices {
            list[index]["kind"] = .null
            list[index] = .object((list[index].objectValue ?? JSONObject()).filteringMembers { !$1.isNull })
        }
        return ["kind": "APIGroupList", "apiVersion": "v1", "groups": .array(list)]
    }

    static func resources(group: String, version: String) -> JSON? {
        let types = ResourceCatalog.all.filter { $0.group == group && $0.version == version }
        guard !types.isEmpty else { return nil }
        var resources: [JSON] = []
        for type in types {
            var entry: JSON = [
                "name": .string(type.resource), "singularName": .string(type.singular), "namespaced": .bool(type.namespaced),
                "kind": .string(type.kind), "verbs": .array(type.verbs.map { .string($0) }),
            ]
            if !type.shortNames.isEmpty { entry["shortNames"] = .array(type.shortNames.map { .string($0) }) }
            if !type.categories.isEmpty { entry["categories"] = .array(type.categories.map { .string($0) }) }
            resources.append(entry)
            for subresource in type.subresources {
                switch subresource {
                case "scale":
                    resources.append([
                        "name": .string("\(type.resource)/scale"), "singularName": "", "namespaced": .bool(type.namespaced),
                        "group": "autoscaling", "version": "v1", "kind": "Scale", "verbs": ["get", "patch", "update"],
                    ])
                case "finalize":
                    resources.append([
                        "name": .string("\(type.resource)/finalize"), "singularName": "", "namespaced": .bool(type.namespaced),
                        "kind": .string(type.kind), "verbs": ["update"],
                    ])
                default:
                    resources.append([
                        "name": .string("\(type.resource)/\(subresource)"), "singularName": "", "namespaced": .bool(type.namespaced),
                        "kind": .string(type.kind), "verbs": ["get", "patch", "update"],
                    ])
                }
            }
        }
        return [
            "kind": "APIResourceList", "apiVersion": "v1",
            "groupVersion": .string(group.isEmpty ? version : "\(group)/\(version)"),
            "resources": .array(resources),
        ]
    }
}
