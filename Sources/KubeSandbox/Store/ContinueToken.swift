import Foundation

/// The opaque `continue` token of a paginated list: the snapshot version and the key to start
/// after, encoded as the real server does (base64 of a small JSON document).
struct ContinueToken: Sendable, Equatable {
    var resourceVersion: UInt64
    /// The storage key to start at (the last key served plus `\0`).
    var start: String

    var encoded: String {
        var object = JSONObject()
        object["v"] = "meta.k8s.io/v1"
        object["rv"] = .number(String(resourceVersion))
        object["start"] = .string(start)
        return Data(JSON.object(object).bytes).base64EncodedString()
    }

    static func decode(_ text: String) throws -> ContinueToken {
        guard let data = Data(base64Encoded: text) ?? Data(base64Encoded: text.padding(toLength: (text.count + 3) / 4 * 4, withPad: "=", startingAt: 0)),
              let json = try? JSON(parsing: data),
              json["v"].stringValue == "meta.k8s.io/v1",
              let version = json["rv"].intValue, version > 0,
              let start = json["start"].stringValue
        else {
            throw APIError.badRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)")
        }
        return ContinueToken(resourceVersion: UInt64(version), start: start)
    }
}
