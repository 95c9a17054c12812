import Foundation
import KubeKit
import Yams

/// YAML manifests read into KubeKit's JSON, with YAML 1.1 scalar rules (as `kubectl` reads them:
/// `true`/`yes` are booleans, unquoted digits are integers, quoted values stay strings).
enum YAMLDocuments {
    struct ParseError: Error, CustomStringConvertible {
        var file: String
        var line: Int?
        var message: String
        var description: String { "\(file)\(line.map { ":\($0)" } ?? ""): \(message)" }
    }

    /// Every document of a YAML stream, empty documents skipped.
    static func parse(_ text: String, file: String) throws -> [JSONValue] {
        do {
            // Parser.nextRoot throws on malformed YAML (Yams' compose_all sequence would stop silently).
            let parser = try Parser(yaml: text)
            var documents: [JSONValue] = []
            while let node = try parser.nextRoot() {
                let value = try json(node, file: file)
                if value != JSONValue.null { documents.append(value) }
            }
            return documents
        } catch let error as ParseError {
            throw error
        } catch let error as YamlError {
            throw ParseError(file: file, line: Self.line(of: error), message: "not valid YAML: \(Self.describe(error))")
        } catch {
            throw ParseError(file: file, line: nil, message: "not valid YAML: \(error)")
        }
    }

    private static func json(_ node: Yams.Node, file: String) throws -> JSONValue {
        switch node {
        case .scalar(let scalar):
            switch Tag.Name(rawValue: node.tag.rawValue) {
            case .null: return .null
            case .bool: return node.bool.map(JSONValue.bool) ?? .string(scalar.string)
            case .int:
                if let value = node.int { return .integer(Int64(value)) }
                return .string(scalar.string)
            case .float:
                if let value = node.float, value.isFinite { return .double(value) }
                throw ParseError(file: file, line: node.mark.map { $0.line }, message: "'\(scalar.string)' is not a finite number")
            default:
                return .string(scalar.string)
            }
        case .mapping(let mapping):
            var members: [String: JSONValue] = [:]
            for (key, value) in mapping {
                guard let name = key.string else {
                    throw ParseError(file: file, line: key.mark.map { $0.line }, message: "a mapping key must be a string")
                }
                guard members[name] == nil else {
                    throw ParseError(file: file, line: key.mark.map { $0.line }, message: "the key '\(name)' appears twice")
                }
                members[name] = try json(value, file: file)
            }
            return .object(members)
        case .sequence(let sequence):
            return .array(try sequence.map { try json($0, file: file) })
        case .alias:
            throw ParseError(file: file, line: node.mark.map { $0.line }, message: "YAML aliases are not supported in manifests")
        }
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: nil
        }
    }

    private static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): problem
        default: "\(error)"
        }
    }
}
