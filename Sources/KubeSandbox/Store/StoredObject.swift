/// One version of a stored object with its encodings, made once per write so that lists and
/// watches only copy bytes.
final class StoredObject: Sendable {
    let object: JSON
    let resourceVersion: UInt64
    /// The full encoding (GET, watch events).
    let encoded: [UInt8]
    /// The encoding without `kind` and `apiVersion`, as items of a list are served.
    let listEncoded: [UInt8]

    init(object: JSON, resourceVersion: UInt64) {
        self.object = object
        self.resourceVersion = resourceVersion
        encoded = object.bytes
        if var members = object.objectValue {
            members.removeAll { $0 == "kind" || $0 == "apiVersion" }
            listEncoded = JSON.object(members).bytes
        } else {
            listEncoded = encoded
        }
    }

    var metadata: JSONObject { object["metadata"].objectValue ?? JSONObject() }
    var name: String { object.string(at: "metadata", "name") ?? "" }
    var namespace: String { object.string(at: "metadata", "namespace") ?? "" }
    var uid: String { object.string(at: "metadata", "uid") ?? "" }
    var labels: JSONObject { object.value(at: ["metadata", "labels"])?.objectValue ?? JSONObject() }
    var isTerminating: Bool { object.value(at: ["metadata", "deletionTimestamp"]).map { !$0.isNull } ?? false }
}
