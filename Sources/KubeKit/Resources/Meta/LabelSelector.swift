/// A label selector as objects carry it (`spec.selector` of a Deployment): `matchLabels` and
/// `matchExpressions`. ``selectorString`` renders it for a `labelSelector` query.
public struct LabelSelector: JSONObjectModel {
    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// A selector matching these labels exactly.
    public init(matchLabels: [String: String], matchExpressions: [LabelSelectorRequirement] = []) {
        self.object = [:]
        self.matchLabels = matchLabels
        self.matchExpressions = matchExpressions
    }

    /// Labels that must be present with these values.
    public var matchLabels: [String: String] {
        get { self[map: "matchLabels"] }
        set { self[map: "matchLabels"] = newValue }
    }
    /// Further requirements, all of which must hold.
    public var matchExpressions: [LabelSelectorRequirement] {
        get { self[list: "matchExpressions"] }
        set { self[list: "matchExpressions"] = newValue }
    }

    /// The selector in the query syntax (`app=web,tier in (a,b),!legacy`), requirements sorted by
    /// key as the API machinery prints them. An empty selector is an empty string (matches all).
    public var selectorString: String {
        var requirements: [(key: String, text: String)] = matchLabels.map { ($0.key, "\($0.key)=\($0.value)") }
        for expression in matchExpressions {
            guard let key = expression.key else { continue }
            let values = expression.values.sorted().joined(separator: ",")
            switch expression.operator {
            case "In": requirements.append((key, "\(key) in (\(values))"))
            case "NotIn": requirements.append((key, "\(key) notin (\(values))"))
            case "Exists": requirements.append((key, key))
            case "DoesNotExist": requirements.append((key, "!\(key)"))
            default: continue
            }
        }
        return requirements.sorted { $0.key < $1.key }.map(\.text).joined(separator: ",")
    }
}
