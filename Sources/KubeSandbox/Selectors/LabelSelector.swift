/// A label selector, parsed from the query-string syntax (`app=web,tier in (a,b),!canary`) or from
/// a `LabelSelector` object (`matchLabels`, `matchExpressions`).
struct LabelSelector: Sendable, Equatable {
    enum Operator: Sendable, Equatable {
        case equals, notEquals, `in`, notIn, exists, doesNotExist
    }

    struct Requirement: Sendable, Equatable {
        var key: String
        var op: Operator
        var values: [String]

        func matches(_ labels: JSONObject) -> Bool {
            let value = labels[key]?.stringValue
            switch op {
            case .equals: return value == values.first
            case .notEquals: return value != values.first
            case .in: return value.map { values.contains($0) } ?? false
            case .notIn: return value.map { !values.contains($0) } ?? true
            case .exists: return value != nil
            case .doesNotExist: return value == nil
            }
        }
    }

    var requirements: [Requirement]

    /// Selects everything.
    static let everything = LabelSelector(requirements: [])
    /// A selector object that selects nothing (`nil` selector on a Service, for instance).
    static let nothing = LabelSelector(requirements: [Requirement(key: "", op: .in, values: [])])

    var isEverything: Bool { requirements.isEmpty }

    func matches(_ labels: JSONObject) -> Bool { requirements.allSatisfy { $0.matches(labels) } }

    /// Whether an object's `metadata.labels` match.
    func matches(object: JSON) -> Bool {
        if requirements.isEmpty { return true }
        return matches(object.value(at: ["metadata", "labels"])?.objectValue ?? JSONObject())
    }

    /// Parses the query-string form.
    /// - Throws: ``APIError`` 400 with the real server's wording.
    static func parse(_ text: String) throws -> LabelSelector {
        var parser = SelectorParser(text)
        var requirements: [Requirement] = []
        parser.skipSpaces()
        if parser.atEnd { return .everything }
        while true {
            requirements.append(try parser.requirement())
            parser.skipSpaces()
            if parser.atEnd { break }
            guard parser.consume(",") else {
                throw APIError.badRequest("unable to parse requirement: found '\(parser.rest)', expected: ','")
            }
        }
        return LabelSelector(requirements: requirements)
    }

    /// Builds a selector from a `LabelSelector` object (a Deployment's `spec.selector`).
    static func fromObject(_ object: JSON?) throws -> LabelSelector {
        guard let object = object?.objectValue else { return .nothing }
        var requirements: [Requirement] = []
        for (key, value) in object["matchLabels"]?.objectValue ?? JSONObject() {
            requirements.append(Requirement(key: key, op: .equals, values: [value.stringValue ?? ""]))
        }
        for expression in object["matchExpressions"]?.arrayValue ?? [] {
            let key = expression["key"].stringValue ?? ""
            let values = (expression["values"].arrayValue ?? []).compactMap(\.stringValue)
            switch expression["operator"].stringValue ?? "" {
            case "In": requirements.append(Requirement(key: key, op: .in, values: values))
            case "NotIn": requirements.append(Requirement(key: key, op: .notIn, values: values))
            case "Exists": requirements.append(Requirement(key: key, op: .exists, values: []))
            case "DoesNotExist": requirements.append(Requirement(key: key, op: .doesNotExist, values: []))
            case let other: throw APIError.badRequest("\"\(other)\" is not a valid label selector operator")
            }
        }
        return LabelSelector(requirements: requirements)
    }

    /// Builds an equality selector from a map (a Service's `spec.selector`); an empty or missing
    /// map selects nothing, as for Services.
    static func fromMap(_ map: JSON?) -> LabelSelector {
        guard let map = map?.objectValue, !map.isEmpty else { return .nothing }
        return LabelSelector(requirements: map.map { Requirement(key: $0.key, op: .equals, values: [$0.value.stringValue ?? ""]) })
    }

    /// The query-string form, as the real server prints selectors (`app=web,tier in (a,b)`).
    var text: String {
        requirements.map { requirement in
            switch requirement.op {
            case .equals: return "\(requirement.key)=\(requirement.values.first ?? "")"
            case .notEquals: return "\(requirement.key)!=\(requirement.values.first ?? "")"
            case .in: return "\(requirement.key) in (\(requirement.values.sorted().joined(separator: ",")))"
            case .notIn: return "\(requirement.key) notin (\(requirement.values.sorted().joined(separator: ",")))"
            case .exists: return requirement.key
            case .doesNotExist: return "!\(requirement.key)"
            }
        }.sorted().joined(separator: ",")
    }
}
