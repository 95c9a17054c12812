import Foundation

/// The service-account configuration of a pod: the API server from `KUBERNETES_SERVICE_HOST`
/// and `KUBERNETES_SERVICE_PORT`, the token, CA and namespace from the mounted service account.
struct InClusterEnvironment: Sendable {
    var host: String
    var port: String
    var directory: String
    var namespace: String

    /// The in-cluster environment, or `nil` when the variables are not set.
    init?(environment: [String: String], directory: String) {
        guard let host = environment["KUBERNETES_SERVICE_HOST"], !host.isEmpty,
            let port = environment["KUBERNETES_SERVICE_PORT"], !port.isEmpty
        else { return nil }
        self.host = host
        self.port = port
        self.directory = directory
        let namespaceFile = URL(fileURLWithPath: directory).appendingPathComponent("namespace").path
        let namespace = FileManager.default.contents(atPath: namespaceFile)
            .map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
        self.namespace = (namespace?.isEmpty == false ? namespace : nil) ?? "default"
    }

    var tokenPath: String { URL(fileURLWithPath: directory).appendingPathComponent("token").path }
    var caPath: String { URL(fileURLWithPath: directory).appendingPathComponent("ca.crt").path }

    /// `https://host:port`, an IPv6 host in brackets.
    var server: String {
        let literal = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return "https://\(literal):\(port)"
    }
}
