import Foundation

/// One operation of an RFC 6902 JSON patch. Paths are JSON pointers; build them from keys with
/// ``pointer(_:)`` so that `/` and `~` in keys (annotation names!) are escaped.
public struct JSONPatchOperation: Sendable, Hashable {
    /// The operation as JSON (`{"op": …, "path": …, …}`).
    public var json: JSONValue

    /// Adds `value` at `path` (inserting into arrays; `-` appends).
    public static func add(_ path: String, _ value: JSONValue) -> JSONPatchOperation {
        JSONPatchOperation(json: ["op": "add", "path": .string(path), "value": value])
    }

    /// Removes the value at `path`.
    public static func remove(_ path: String) -> JSONPatchOperation {
        JSONPatchOperation(json: ["op": "remove", "path": .string(path)])
    }

    /// Replaces the value at `path`, which must exist.
    public static func replace(_ path: String, _ value: JSONValue) -> JSONPatchOperation {
        JSONPatchOperation(json: ["op": "replace", "path": .string(path), "value": value])
    }

    /// Moves the value at `from` to `path`.
    public static func move(from: String, to path: String) -> JSONPatchOperation {
        JSONPatchOperation(json: ["op": "move", "from": .string(from), "path": .string(path)])
    }

    /// Copies the value at `from` to `path`.
    public static func copy(from: String, to path: String) -> JSONPatchOperation {
        JSONPatchOperation(json: ["op": "copy", "from": .string(from), "path": .string(path)])
    }

    /// Fails the whole patch unless the value at `path` equals `value`.
    public static func test(_ path: String, _ value: JSONValue) -> JSONPatchOperation {
        JSONPatchOperation(json: ["op": "test", "path": .string(path), "value": value])
    }

    /// A JSON pointer from keys and indexes: `pointer(["metadata", "annotations", "a/b"])` is
    /// `/metadata/annotations/a~1b`.
    public static func pointer(_ components: [String]) -> String {
        components.map { "/" + $0.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1") }.joined()
    }
}
