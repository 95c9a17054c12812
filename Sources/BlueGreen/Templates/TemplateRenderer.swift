import Foundation

/// Strict `${NAME}` substitution for the manifest templates in `deployment_config/`.
///
/// `${NAME}` is replaced by its value; `$${` writes a literal `${`; any other `$` is left alone.
/// A placeholder with no value is an error that names the file, the line and the fix. Every
/// problem in a file is reported at once, not only the first.
public struct TemplateRenderer: Sendable {
    /// The placeholders the engine always sets.
    public static let builtIn: [String] = ["APP", "VERSION", "IMAGE", "REPLICAS", "NAMESPACE"]

    public var values: [String: String]

    public init(values: [String: String]) {
        self.values = values
    }

    /// One problem in a template.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var message: String
        public var description: String { "\(file):\(line): \(message)" }
    }

    /// All the problems of a rendering, as one error.
    public struct RenderError: Error, Sendable, Equatable, CustomStringConvertible {
        public var problems: [Problem]
        public var description: String { problems.map(\.description).joined(separator: "\n") }
    }

    /// Checks a `--set KEY=VALUE` pair: the key is an upper-case placeholder name that does not
    /// override a built-in one, and the value is one line.
    public static func parseSetting(_ text: String) throws(InputError) -> (String, String) {
        guard let equals = text.firstIndex(of: "=") else {
            throw InputError("--set '\(text)' is not KEY=VALUE (for example --set LOG_LEVEL=debug)")
        }
        let key = String(text[..<equals])
        let value = String(text[text.index(after: equals)...])
        guard isName(key) else {
            throw InputError("--set key '\(key)' is not a placeholder name: use upper-case letters, digits and '_', starting with a letter")
        }
        guard !builtIn.contains(key) else {
            throw InputError("--set \(key)=… would override a value the engine sets itself; use the matching option (--app, --version, --image, --replicas, --namespace)")
        }
        guard !value.contains("\n"), !value.contains("\r") else {
            throw InputError("--set \(key): the value must be a single line")
        }
        return (key, value)
    }

    /// Renders `text` (the content of `file`), or throws every problem found.
    public func render(_ text: String, file: String) throws(RenderError) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        var problems: [Problem] = []
        var line = 1
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "\n" { line += 1 }
            guard character == "$" else {
                output.append(character)
                index = text.index(after: index)
                continue
            }
            let rest = text[index...]
            if rest.hasPrefix("$${") {
                output += "${"
                index = text.index(index, offsetBy: 3)
                continue
            }
            guard rest.hasPrefix("${") else {
                output.append(character)
                index = text.index(after: index)
                continue
            }
            let nameStart = text.index(index, offsetBy: 2)
            guard let close = text[nameStart...].firstIndex(where: { $0 == "}" || $0 == "\n" }), text[close] == "}" else {
                problems.append(Problem(file: file, line: line, message: "unterminated placeholder '${' (write $${ for a literal ${)"))
                output.append(character)
                index = text.index(after: index)
                continue
            }
            let name = String(text[nameStart..<close])
            if !Self.isName(name) {
                problems.append(Problem(file: file, line: line, message: "'${\(name)}' is not a placeholder name (upper-case letters, digits and '_'; write $${ for a literal ${)"))
            } else if let value = values[name] {
                output += value
            } else {
                let known = (Self.builtIn + values.keys.filter { !Self.builtIn.contains($0) }.sorted()).joined(separator: ", ")
                problems.append(Problem(file: file, line: line, message: "unknown placeholder ${\(name)}; known: \(known); pass --set \(name)=VALUE to set it"))
            }
            index = text.index(after: close)
        }
        guard problems.isEmpty else { throw RenderError(problems: problems) }
        return output
    }

    /// The placeholder names a template uses (for reporting unused `--set` values).
    public static func placeholders(in text: String) -> Set<String> {
        var names: Set<String> = []
        var rest = Substring(text)
        while let start = rest.range(of: "${") {
            let before = rest[..<start.lowerBound]
            rest = rest[start.upperBound...]
            if before.hasSuffix("$") { continue }
            guard let close = rest.firstIndex(of: "}") else { break }
            let name = String(rest[..<close])
            if isName(name) { names.insert(name) }
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    static func isName(_ text: String) -> Bool {
        guard let first = text.first, first.isASCII, first.isUppercase else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber || $0 == "_") }
    }
}
