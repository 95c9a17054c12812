/// RFC 7386 JSON merge patch: objects merge recursively, `null` removes, anything else replaces.
enum JSONMergePatch {
    static func apply(_ patch: JSON, to target: JSON) -> JSON {
        guard let patchObject = patch.objectValue else { return patch }
        var result = target.objectValue ?? JSONObject()
        for (key, value) in patchObject {
            if value.isNull {
                result[key] = nil
            } else {
                result[key] = apply(value, to: result[key] ?? .null)
            }
        }
        return .object(result)
    }
}
