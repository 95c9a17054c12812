/// A small scanner for the label and field selector syntaxes.
struct SelectorParser {
    private let characters: [Character]
    private var index = 0

    init(_ text: String) { characters = Array(text) }

    var atEnd: Bool { index >= characters.count }
    var rest: String { String(characters[min(index, characters.count)...]) }

    mutating func skipSpaces() {
        while index < characters.count, characters[index] == " " { index += 1 }
    }

    mutating func consume(_ token: String) -> Bool {
        let tokenCharacters = Array(token)
        guard index + tokenCharacters.count <= characters.count,
              Array(characters[index..<index + tokenCharacters.count]) == tokenCharacters
        else { return false }
        index += tokenCharacters.count
        return true
    }

    private static func isKeyCharacter(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || c == "-" || c == "_" || c == "." || c == "/"
    }

    mutating func identifier() -> String {
        let start = index
        while index < characters.count, Self.isKeyCharacter(characters[index]) { index += 1 }
        return String(characters[start..<index])
    }

    /// A field-selector value: anything up to the next unescaped comma.
    mutating func fieldValue() -> String {
        var value = ""
        while index < characters.count, characters[index] != "," {
            if characters[index] == "\\", index + 1 < characters.count {
                index += 1
            }
            value.append(characters[index])
            index += 1
        }
        return value
    }

    mutating func requirement() throws -> LabelSelector.Requirement {
        skipSpaces()
        if consume("!") {
            skipSpaces()
            let key = identifier()
            guard !key.isEmpty else { throw APIError.badRequest("unable to parse requirement: found '\(rest)', expected: identifier") }
            return .init(key: key, op: .doesNotExist, values: [])
        }
        let key = identifier()
        guard !key.isEmpty else { throw APIError.badRequest("unable to parse requirement: found '\(rest)', expected: identifier") }
        skipSpaces()
        if atEnd || characters[index] == "," { return .init(key: key, op: .exists, values: []) }
        if consume("==") || consume("=") {
            skipSpaces()
            return .init(key: key, op: .equals, values: [identifier()])
        }
        if consume("!=") {
            skipSpaces()
            return .init(key: key, op: .notEquals, values: [identifier()])
        }
        let op: LabelSelector.Operator
        if consume("notin") {
            op = .notIn
        } else if consume("in") {
            op = .in
        } else {
            throw APIError.badRequest("unable to parse requirement: found '\(rest)', expected: in, notin, =, ==, !=, gt, lt")
        }
        skipSpaces()
        guard consume("(") else { throw APIError.badRequest("unable to parse requirement: found '\(rest)', expected: '('") }
        var values: [String] = []
        while true {
            skipSpaces()
            values.append(identifier())
            skipSpaces()
            if consume(")") { break }
            guard consume(",") else { throw APIError.badRequest("unable to parse requirement: found '\(rest)', expected: ',' or ')'") }
        }
        return .init(key: key, op: op, values: values)
    }
}
