/// Kubernetes strategic merge patch: a JSON merge patch whose lists of objects are merged by
/// their merge key (containers by `name`, container ports by `containerPort`, service ports by
/// `port`…), with the `$patch`, `$retainKeys`, `$setElementOrder/…` and
/// `$deleteFromPrimitiveList/…` directives.
enum StrategicMergePatch {
    static func apply(_ patch: JSON, to original: JSON) throws -> JSON {
        guard patch.objectValue != nil else {
            throw APIError.badRequest("unable to parse the strategic merge patch: the patch must be a JSON object")
        }
        return try merge(original, patch, path: [])
    }

    static func merge(_ original: JSON, _ patch: JSON, path: [String]) throws -> JSON {
        guard let patchObject = patch.objectValue else { return patch }
        if let directive = patchObject["$patch"]?.stringValue {
            switch directive {
            case "replace":
                var replaced = patchObject
                replaced["$patch"] = nil
                return try merge(.object(JSONObject()), .object(replaced), path: path)
            case "delete":
                return .null
            case "merge": break
            default: throw APIError.badRequest("unknown patch type \"\(directive)\" in the strategic merge patch")
            }
        }
        var result = original.objectValue ?? JSONObject()
        if let retain = patchObject["$retainKeys"]?.arrayValue {
            let keep = Set(retain.compactMap(\.stringValue))
            result.removeAll { !keep.contains($0) }
        }
        var orders: [String: [JSON]] = [:]
        for (key, value) in patchObject {
            if key.hasPrefix("$setElementOrder/") {
                orders[String(key.dropFirst("$setElementOrder/".count))] = value.arrayValue ?? []
            }
        }
        for (key, value) in patchObject {
            if key == "$patch" || key == "$retainKeys" || key.hasPrefix("$setElementOrder/") { continue }
            if key.hasPrefix("$deleteFromPrimitiveList/") {
                let field = String(key.dropFirst("$deleteFromPrimitiveList/".count))
                let remove = value.arrayValue ?? []
                if let list = result[field]?.arrayValue {
                    result[field] = .array(list.filter { item in !remove.contains { $0.semanticallyEquals(item) } })
                }
                continue
            }
            let childPath = path + [key]
            if value.isNull {
                result[key] = nil
                continue
            }
            let current = result[key]
            switch value {
            case .object:
                let merged = try merge(current ?? .object(JSONObject()), value, path: childPath)
                result[key] = merged.isNull ? nil : merged
            case .array(let items):
                result[key] = .array(try mergeList(current?.arrayValue ?? [], items, path: childPath))
            default:
                result[key] = value
            }
        }
        for (field, order) in orders {
            guard let list = result[field]?.arrayValue else { continue }
            result[field] = .array(reorder(list, by: order, path: path + [field]))
        }
        return .object(result)
    }

    private static func mergeList(_ original: [JSON], _ patch: [JSON], path: [String]) throws -> [JSON] {
        switch PatchSchema.list(at: path) {
        case .atomic:
            // A `$patch: replace` marker inside an atomic list is just dropped.
            return patch.filter { $0["$patch"].stringValue == nil }
        case .set:
            var result = original
            for item in patch where !result.contains(where: { $0.semanticallyEquals(item) }) { result.append(item) }
            return result
        case .map(let mergeKey, _):
            if patch.contains(where: { $0["$patch"].stringValue == "replace" }) {
                return patch.filter { $0["$patch"].stringValue != "replace" }
            }
            var result = original
            for item in patch {
                guard item.objectValue != nil else { continue }
                let key = item[mergeKey]
                if item["$patch"].stringValue == "delete" {
                    result.removeAll { $0[mergeKey].semanticallyEquals(key) }
                    continue
                }
                if !key.isNull, let index = result.firstIndex(where: { $0[mergeKey].semanticallyEquals(key) }) {
                    result[index] = try merge(result[index], item, path: path)
                } else {
                    result.append(try merge(.object(JSONObject()), item, path: path))
                }
            }
            return result
        }
    }

    private static func reorder(_ list: [JSON], by order: [JSON], path: [String]) -> [JSON] {
        let identity: (JSON) -> JSON
        if case .map(let mergeKey, _) = PatchSchema.list(at: path) {
            identity = { $0.objectValue != nil ? $0[mergeKey] : $0 }
        } else {
            identity = { $0 }
        }
        var remaining = list
        var result: [JSON] = []
        for wanted in order {
            let key = wanted.objectValue != nil ? identity(wanted) : wanted
            if let index = remaining.firstIndex(where: { identity($0).semanticallyEquals(key) }) {
                result.append(remaining.remove(at: index))
            }
        }
        return result + remaining
    }
}
