/// What the real types declare about their lists (`patchStrategy`/`patchMergeKey` for strategic
/// merge patch, `listType`/`listMapKeys` for server-side apply), for the paths the project's
/// kinds use. A path is the field names from the object's root, list positions left out.
enum PatchSchema {
    enum ListKind: Equatable {
        /// Merged element by element, matched on these keys.
        case map(mergeKey: String, applyKeys: [String])
        /// A set of scalars, merged by value (`finalizers`).
        case set
        /// Replaced as a whole.
        case atomic
    }

    static func list(at path: [String]) -> ListKind {
        guard let field = path.last else { return .atomic }
        let parent = path.dropLast().last
        switch field {
        case "containers", "initContainers", "ephemeralContainers", "volumes", "imagePullSecrets", "env":
            return .map(mergeKey: "name", applyKeys: ["name"])
        case "ports":
            if let parent, ["containers", "initContainers", "ephemeralContainers"].contains(parent) {
                return .map(mergeKey: "containerPort", applyKeys: ["containerPort", "protocol"])
            }
            if path == ["spec", "ports"] { return .map(mergeKey: "port", applyKeys: ["port", "protocol"]) }
            return .atomic
        case "volumeMounts": return .map(mergeKey: "mountPath", applyKeys: ["mountPath"])
        case "volumeDevices": return .map(mergeKey: "devicePath", applyKeys: ["devicePath"])
        case "conditions": return .map(mergeKey: "type", applyKeys: ["type"])
        case "ownerReferences": return .map(mergeKey: "uid", applyKeys: ["uid"])
        case "hostAliases": return .map(mergeKey: "ip", applyKeys: ["ip"])
        case "addresses" where parent == "status": return .map(mergeKey: "type", applyKeys: ["type"])
        case "topologySpreadConstraints": return .map(mergeKey: "topologyKey", applyKeys: ["topologyKey", "whenUnsatisfiable"])
        case "finalizers": return .set
        default: return .atomic
        }
    }

    /// Maps whose keys are data, not fields (so server-side apply owns the map itself too).
    static func isMap(_ path: [String]) -> Bool {
        guard let field = path.last else { return false }
        return ["labels", "annotations", "matchLabels", "nodeSelector", "data", "binaryData", "stringData"].contains(field)
            || (path == ["spec", "selector"])
    }
}
