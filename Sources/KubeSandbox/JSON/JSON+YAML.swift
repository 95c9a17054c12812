import Yams

extension JSON {
    /// Parses every document of a YAML stream (or a single JSON document, which is YAML too),
    /// keeping mapping order. Empty documents are skipped.
    /// - Throws: ``SandboxError`` with code `.invalidYAML`.
    public static func documents(fromYAML text: String) throws -> [JSON] {
        do {
            var documents: [JSON] = []
            for node in try Yams.compose_all(yaml: text) {
                let value = try JSON(yamlNode: node)
                if !value.isNull { documents.append(value) }
            }
            return documents
        } catch let error as SandboxError {
            throw error
        } catch {
            throw SandboxError(.invalidYAML, "invalid YAML: \(error)")
        }
    }

    init(yamlNode node: Node) throws {
        switch node {
        case .mapping(let mapping):
            var object = JSONObject()
            for (key, value) in mapping {
                guard let name = key.scalar?.string else {
                    throw SandboxError(.invalidYAML, "invalid YAML: a mapping key is not a scalar; use plain string keys")
                }
                object[name] = try JSON(yamlNode: value)
            }
            self = .object(object)
        case .sequence(let sequence):
            self = .array(try sequence.map { try JSON(yamlNode: $0) })
        case .scalar(let scalar):
            switch node.tag.rawValue {
            case Tag.Name.null.rawValue: self = .null
            case Tag.Name.bool.rawValue: self = .bool(Bool.construct(from: scalar) ?? false)
            case Tag.Name.int.rawValue:
                if let value = Int.construct(from: scalar) { self = .number(String(value)) } else { self = .string(scalar.string) }
            case Tag.Name.float.rawValue:
                if let value = Double.construct(from: scalar), value.isFinite {
                    self = .number(scalar.string.hasPrefix("+") ? String(scalar.string.dropFirst()) : Self.normalizedNumber(scalar.string, value))
                } else {
                    self = .string(scalar.string)
                }
            default: self = .string(scalar.string)
            }
        case .alias:
            throw SandboxError(.invalidYAML, "invalid YAML: aliases are not supported; write the value out")
        }
    }

    private static func normalizedNumber(_ text: String, _ value: Double) -> String {
        // Keep the literal when it is valid JSON; otherwise print the value.
        if (try? JSONParser.parse(Array(text.utf8))) != nil { return text }
        return "\(value)"
    }
}
