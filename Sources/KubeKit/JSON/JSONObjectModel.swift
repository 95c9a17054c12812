/// A typed view over a JSON object.
///
/// The object's JSON is the only storage: typed properties read and write members of
/// ``object``, and every member no property covers stays as it was. That is how KubeKit
/// guarantees that changing an object read from the server never drops a field the models do not
/// know. Conforming types need only ``object`` and ``init(object:)``; `Codable`, `Hashable` and
/// ``JSONRepresentable`` come from this protocol.
public protocol JSONObjectModel: JSONRepresentable, Codable, Hashable {
    /// The object's members, unknown ones included.
    var object: [String: JSONValue] { get set }
    /// Wraps an object's members without checking them.
    init(object: [String: JSONValue])
}

extension JSONObjectModel {
    /// Wraps a JSON object; `nil` for any other JSON value.
    public init?(json: JSONValue) {
        guard let members = json.objectValue else { return nil }
        self.init(object: members)
    }

    /// An empty object.
    public init() { self.init(object: [:]) }

    /// The object as JSON.
    public var json: JSONValue { .object(object) }

    /// Decodes any JSON object; unknown members are kept.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self.init(object: try container.decode([String: JSONValue].self))
    }

    /// Encodes exactly the object's members.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(object)
    }

    /// A scalar or list member; `nil` when absent or of another shape. Setting `nil` removes it.
    public subscript<Value: JSONRepresentable>(field key: String) -> Value? {
        get { object[key].flatMap(Value.init(json:)) }
        set { object[key] = newValue?.json }
    }

    /// A list member, empty when absent. Setting an empty list removes a member that was absent
    /// and keeps an empty one that was present, so that an untouched object serialises unchanged.
    public subscript<Element: JSONRepresentable>(list key: String) -> [Element] {
        get { object[key].flatMap([Element].init(json:)) ?? [] }
        set { setCollection(key, newValue.json, isEmpty: newValue.isEmpty) }
    }

    /// A map member (labels, annotations, data), empty when absent; same rule for empty maps.
    public subscript<Value: JSONRepresentable>(map key: String) -> [String: Value] {
        get { object[key].flatMap([String: Value].init(json:)) ?? [:] }
        set { setCollection(key, newValue.json, isEmpty: newValue.isEmpty) }
    }

    /// A nested object that is always there to modify (`spec`, `status`, `metadata`): an empty
    /// view when absent; setting an empty view does not add the member.
    public subscript<Nested: JSONObjectModel>(nested key: String) -> Nested {
        get { Nested(object: object[key]?.objectValue ?? [:]) }
        set { setCollection(key, newValue.json, isEmpty: newValue.object.isEmpty) }
    }

    private mutating func setCollection(_ key: String, _ value: JSONValue, isEmpty: Bool) {
        if isEmpty && object[key] == nil { return }
        object[key] = value
    }
}
