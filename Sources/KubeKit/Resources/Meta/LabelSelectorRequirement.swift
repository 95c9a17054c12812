/// One requirement of a ``LabelSelector``'s `matchExpressions`.
public struct LabelSelectorRequirement: JSONObjectModel {
    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// A requirement: `operator` is `In`, `NotIn`, `Exists` or `DoesNotExist`.
    public init(key: String, operator: String, values: [String] = []) {
        self.object = [:]
        self.key = key
        self.operator = `operator`
        self.values = values
    }

    /// The label key.
    public var key: String? {
        get { self[field: "key"] }
        set { self[field: "key"] = newValue }
    }
    /// `In`, `NotIn`, `Exists` or `DoesNotExist`.
    public var `operator`: String? {
        get { self[field: "operator"] }
        set { self[field: "operator"] = newValue }
    }
    /// The values for `In` and `NotIn`.
    public var values: [String] {
        get { self[list: "values"] }
        set { self[list: "values"] = newValue }
    }
}
