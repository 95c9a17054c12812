import Foundation

/// The `client.authentication.k8s.io` API version of an `ExecCredential`.
public struct ExecCredentialVersion: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The API version string.
    public let rawValue: String

    /// Accepts the two versions current Kubernetes clients use.
    public init?(rawValue: String) {
        guard rawValue == Self.v1beta1.rawValue || rawValue == Self.v1.rawValue else { return nil }
        self.rawValue = rawValue
    }

    private init(unchecked: String) { self.rawValue = unchecked }

    /// `client.authentication.k8s.io/v1beta1` (the AWS CLI's default).
    public static let v1beta1 = ExecCredentialVersion(unchecked: "client.authentication.k8s.io/v1beta1")
    /// `client.authentication.k8s.io/v1`.
    public static let v1 = ExecCredentialVersion(unchecked: "client.authentication.k8s.io/v1")

    /// The version string.
    public var description: String { rawValue }

    /// The version a Kubernetes client asks for in `KUBERNETES_EXEC_INFO`, as the AWS CLI reads
    /// it: unset means v1beta1; a malformed or unknown value also gives v1beta1, with a warning
    /// to print.
    public static func fromExecInfo(_ json: String?) -> (version: ExecCredentialVersion, warning: String?) {
        guard let json, !json.isEmpty else { return (.v1beta1, nil) }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any] else {
            return (.v1beta1, "KUBERNETES_EXEC_INFO is not valid JSON; using \(v1beta1.rawValue). This is likely a bug in your Kubernetes client; update it")
        }
        if let name = object["apiVersion"] as? String, let version = ExecCredentialVersion(rawValue: name) {
            return (version, nil)
        }
        return (.v1beta1, "KUBERNETES_EXEC_INFO asks for an unknown apiVersion; using \(v1beta1.rawValue)")
    }
}
