/// v1 ConfigMap: configuration data as key/value pairs.
public struct ConfigMap: KubernetesResource {
    /// Where this kind lives in the API.
    public static let apiResource = APIResource.configMaps

    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// A new ConfigMap.
    public init(name: String, namespace: String? = nil, labels: [String: String] = [:], data: [String: String]) {
        self.init(metadata: ObjectMeta(name: name, namespace: namespace, labels: labels))
        self.data = data
    }

    /// UTF-8 values.
    public var data: [String: String] {
        get { self[map: "data"] }
        set { self[map: "data"] = newValue }
    }

    /// Binary values, base64-encoded.
    public var binaryData: [String: String] {
        get { self[map: "binaryData"] }
        set { self[map: "binaryData"] = newValue }
    }

    /// Whether the data can no longer change.
    public var immutable: Bool? {
        get { self[field: "immutable"] }
        set { self[field: "immutable"] = newValue }
    }
}
