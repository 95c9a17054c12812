/// RFC 6902 JSON patch: `add`, `remove`, `replace`, `move`, `copy` and `test` at RFC 6901 pointers.
enum JSONPatch {
    static func apply(_ patch: JSON, to document: JSON) throws -> JSON {
        guard let operations = patch.arrayValue else {
            throw APIError.badRequest("the server rejected our request due to an error in our request: json: cannot unmarshal object into Go value of type jsonpatch.Patch")
        }
        var result = document
        for operation in operations {
            guard let op = operation["op"].stringValue else { throw APIError.badRequest("unexpected kind: missing op in the JSON patch") }
            guard let path = operation["path"].stringValue else { throw APIError.badRequest("missing path in the JSON patch operation \(op)") }
            let pointer = try parsePointer(path)
            switch op {
            case "add":
                guard let value = operation.objectValue?["value"] else { throw APIError.badRequest("missing value for add operation") }
                result = try add(value, at: pointer, in: result)
            case "remove":
                result = try remove(at: pointer, in: result).document
            case "replace":
                guard let value = operation.objectValue?["value"] else { throw APIError.badRequest("missing value for replace operation") }
                result = try remove(at: pointer, in: result).document
                result = try add(value, at: pointer, in: result)
            case "move", "copy":
                guard let from = operation["from"].stringValue else { throw APIError.badRequest("missing from for \(op) operation") }
                let source = try parsePointer(from)
                guard let value = get(source, in: result) else {
                    throw APIError(code: 422, reason: "Invalid", message: "the server rejected our request due to an error in our request: doc is missing from path: \(from)")
                }
                if op == "move" { result = try remove(at: source, in: result).document }
                result = try add(value, at: pointer, in: result)
            case "test":
                guard let expected = operation.objectValue?["value"], let actual = get(pointer, in: result), actual.semanticallyEquals(expected) else {
                    throw APIError(code: 422, reason: "Invalid", message: "the server rejected our request due to an error in our request: testing value \(path) failed: test failed")
                }
            default:
                throw APIError.badRequest("Unexpected kind: \(op)")
            }
        }
        return result
    }

    static func parsePointer(_ text: String) throws -> [String] {
        if text.isEmpty { return [] }
        guard text.hasPrefix("/") else { throw APIError.badRequest("invalid JSON pointer \(text): it must start with '/'") }
        return text.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }

    static func get(_ pointer: [String], in document: JSON) -> JSON? {
        var current = document
        for token in pointer {
            switch current {
            case .object(let object):
                guard let next = object[token] else { return nil }
                current = next
            case .array(let array):
                guard let index = Int(token), array.indices.contains(index) else { return nil }
                current = array[index]
            default: return nil
            }
        }
        return current
    }

    private static func missing(_ pointer: [String]) -> APIError {
        APIError(code: 422, reason: "Invalid", message: "the server rejected our request due to an error in our request: doc is missing path: \"/\(pointer.joined(separator: "/"))\": missing value")
    }

    private static func add(_ value: JSON, at pointer: [String], in document: JSON) throws -> JSON {
        guard let token = pointer.first else { return value }
        let rest = Array(pointer.dropFirst())
        switch document {
        case .object(var object):
            if rest.isEmpty {
                object[token] = value
            } else {
                guard let child = object[token] else { throw missing(pointer) }
                object[token] = try add(value, at: rest, in: child)
            }
            return .object(object)
        case .array(var array):
            if rest.isEmpty {
                if token == "-" {
                    array.append(value)
                } else {
                    guard let index = Int(token), index >= 0, index <= array.count else { throw missing(pointer) }
                    array.insert(value, at: index)
                }
            } else {
                guard let index = Int(token), array.indices.contains(index) else { throw missing(pointer) }
                array[index] = try add(value, at: rest, in: array[index])
            }
            return .array(array)
        default:
            throw missing(pointer)
        }
    }

    private static func remove(at pointer: [String], in document: JSON) throws -> (document: JSON, removed: JSON) {
        guard let token = pointer.first else { throw missing(pointer) }
        let rest = Array(pointer.dropFirst())
        switch document {
        case .object(var object):
            guard let child = object[token] else { throw missing(pointer) }
            if rest.isEmpty {
                object[token] = nil
                return (.object(object), child)
            }
            let (updated, removed) = try remove(at: rest, in: child)
            object[token] = updated
            return (.object(object), removed)
        case .array(var array):
            guard let index = Int(token), array.indices.contains(index) else { throw missing(pointer) }
            if rest.isEmpty {
                let removed = array.remove(at: index)
                return (.array(array), removed)
            }
            let (updated, removed) = try remove(at: rest, in: array[index])
            array[index] = updated
            return (.array(array), removed)
        default:
            throw missing(pointer)
        }
    }
}
