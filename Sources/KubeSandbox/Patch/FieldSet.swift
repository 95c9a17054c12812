/// A set of field paths in the `FieldsV1` vocabulary of server-side apply: `f:name` for a field,
/// `k:{"name":"app"}` for an element of a keyed list, `v:"x"` for a member of a set, and `.` for
/// the node itself.
struct FieldSet: Sendable, Equatable {
    var paths: Set<[String]> = []

    var isEmpty: Bool { paths.isEmpty }

    /// The leaf paths of an object (what an applier or an updater sets).
    static func of(_ value: JSON, ignoringSystemFields: Bool = true, statusOnly: Bool = false, includeStatus: Bool = false) -> FieldSet {
        var set = FieldSet()
        guard let object = value.objectValue else { return set }
        for (key, child) in object {
            switch key {
            case "apiVersion", "kind": continue
            case "status" where !statusOnly && !includeStatus: continue
            case "metadata":
                if statusOnly { continue }
                for (metaKey, metaValue) in child.objectValue ?? JSONObject()
                where ["labels", "annotations", "finalizers", "ownerReferences"].contains(metaKey) {
                    collect(metaValue, tokens: ["f:metadata", "f:\(metaKey)"], path: ["metadata", metaKey], into: &set)
                }
            default:
                if statusOnly, key != "status" { continue }
                collect(child, tokens: ["f:\(key)"], path: [key], into: &set)
            }
        }
        return set
    }

    private static func collect(_ value: JSON, tokens: [String], path: [String], into set: inout FieldSet) {
        switch value {
        case .object(let object):
            if object.isEmpty || PatchSchema.isMap(path) { set.paths.insert(tokens + ["."]) }
            for (key, child) in object { collect(child, tokens: tokens + ["f:\(key)"], path: path + [key], into: &set) }
        case .array(let items):
            switch PatchSchema.list(at: path) {
            case .map(_, let keys):
                for item in items {
                    guard let token = keyToken(item, keys: keys) else { continue }
                    set.paths.insert(tokens + [token, "."])
                    for (key, child) in item.objectValue ?? JSONObject() {
                        collect(child, tokens: tokens + [token, "f:\(key)"], path: path + [key], into: &set)
                    }
                }
                if items.isEmpty { set.paths.insert(tokens) }
            case .set:
                for item in items { set.paths.insert(tokens + ["v:" + item.text]) }
                if items.isEmpty { set.paths.insert(tokens) }
            case .atomic:
                set.paths.insert(tokens)
            }
        default:
            set.paths.insert(tokens)
        }
    }

    /// `k:{"containerPort":80,"protocol":"TCP"}`, defaulting `protocol` as the real schema does.
    static func keyToken(_ item: JSON, keys: [String]) -> String? {
        var object = JSONObject()
        for key in keys {
            var value = item[key]
            if value.isNull, key == "protocol" { value = "TCP" }
            if value.isNull { continue }
            object[key] = value
        }
        guard !object.isEmpty else { return nil }
        return "k:" + JSON.object(object).text
    }

    /// The value an object holds at a path, or nil when absent.
    static func value(at tokens: [String], in document: JSON, path: [String] = []) -> JSON? {
        guard let token = tokens.first else { return document }
        if token == "." { return document }
        let rest = Array(tokens.dropFirst())
        if token.hasPrefix("f:") {
            let name = String(token.dropFirst(2))
            guard let child = document.objectValue?[name] else { return nil }
            return value(at: rest, in: child, path: path + [name])
        }
        guard let items = document.arrayValue else { return nil }
        if token.hasPrefix("k:"), case .map(_, let keys) = PatchSchema.list(at: path) {
            guard let item = items.first(where: { keyToken($0, keys: keys) == token }) else { return nil }
            return value(at: rest, in: item, path: path)
        }
        if token.hasPrefix("v:") {
            return items.first { "v:" + $0.text == token }
        }
        return nil
    }

    /// Removes the value at a path (a field, a list element, a set member).
    static func remove(_ tokens: [String], from document: inout JSON, path: [String] = []) {
        guard let token = tokens.first else { return }
        let rest = Array(tokens.dropFirst())
        if token.hasPrefix("f:") {
            let name = String(token.dropFirst(2))
            guard var object = document.objectValue else { return }
            if rest.isEmpty || rest == ["."] {
                object[name] = nil
            } else if var child = object[name] {
                remove(rest, from: &child, path: path + [name])
                object[name] = child
            }
            document = .object(object)
            return
        }
        guard var items = document.arrayValue else { return }
        if token.hasPrefix("k:"), case .map(_, let keys) = PatchSchema.list(at: path) {
            guard let index = items.firstIndex(where: { keyToken($0, keys: keys) == token }) else { return }
            if rest.isEmpty || rest == ["."] {
                items.remove(at: index)
            } else {
                remove(rest, from: &items[index], path: path)
            }
        } else if token.hasPrefix("v:") {
            items.removeAll { "v:" + $0.text == token }
        }
        document = .array(items)
    }

    /// The `fieldsV1` tree.
    var tree: JSON {
        var root = JSON.object(JSONObject())
        for path in paths.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            root.setValue(root.value(at: path) ?? .object(JSONObject()), at: path)
        }
        return root
    }

    /// Reads a `fieldsV1` tree.
    static func from(tree: JSON) -> FieldSet {
        var set = FieldSet()
        func walk(_ node: JSON, _ prefix: [String]) {
            guard let object = node.objectValue, !object.isEmpty else {
                if !prefix.isEmpty { set.paths.insert(prefix) }
                return
            }
            for (key, child) in object { walk(child, prefix + [key]) }
        }
        walk(tree, [])
        return set
    }

    /// A path as the real server prints it in conflict messages (`.spec.replicas`,
    /// `.spec.template.spec.containers[name="app"].image`).
    static func describe(_ tokens: [String]) -> String {
        var text = ""
        for token in tokens where token != "." {
            if token.hasPrefix("f:") {
                text += "." + token.dropFirst(2)
            } else if token.hasPrefix("k:"), let key = try? JSON(parsing: String(token.dropFirst(2))), let object = key.objectValue {
                text += "[" + object.map { "\($0.key)=\($0.value.text)" }.joined(separator: ",") + "]"
            } else if token.hasPrefix("v:") {
                text += "[=\(token.dropFirst(2))]"
            }
        }
        return text
    }
}
