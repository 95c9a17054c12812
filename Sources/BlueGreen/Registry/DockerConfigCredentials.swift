import Foundation
import SDKCore

/// Registry credentials from Docker's client configuration (`$DOCKER_CONFIG/config.json`, else
/// `~/.docker/config.json`), as `docker login` writes them: `auths.<host>.auth` is base64 of
/// `user:password`. Credential helpers (`credsStore`, `credHelpers`) are not run; such registries
/// are treated as anonymous.
public struct DockerConfigCredentials: Sendable {
    private let auths: [String: RegistryClient.Credentials]

    /// Reads the configuration file, if there is one; an unreadable file yields no credentials.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let directory = environment["DOCKER_CONFIG"] ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.docker")
        self.init(contentsOf: URL(fileURLWithPath: directory).appendingPathComponent("config.json"))
    }

    init(contentsOf url: URL) {
        struct File: Decodable {
            struct Entry: Decodable {
                var auth: String?
                var username: String?
                var password: String?
            }
            var auths: [String: Entry]?
        }
        guard let data = try? Data(contentsOf: url), let file = try? JSONDecoder().decode(File.self, from: data) else {
            auths = [:]
            return
        }
        var result: [String: RegistryClient.Credentials] = [:]
        for (key, entry) in file.auths ?? [:] {
            let host = Self.host(of: key)
            if let auth = entry.auth, let decoded = Data(base64Encoded: auth).map({ String(decoding: $0, as: UTF8.self) }),
                let colon = decoded.firstIndex(of: ":")
            {
                result[host] = .init(username: String(decoded[..<colon]), password: Secret(String(decoded[decoded.index(after: colon)...])))
            } else if let username = entry.username, let password = entry.password {
                result[host] = .init(username: username, password: Secret(password))
            }
        }
        auths = result
    }

    /// The credentials stored for `registry` (Docker Hub is stored under its legacy index URL).
    public func credentials(for registry: String) -> RegistryClient.Credentials? {
        if registry == "docker.io" { return auths["index.docker.io"] ?? auths["docker.io"] ?? auths["registry-1.docker.io"] }
        return auths[registry]
    }

    /// `https://index.docker.io/v1/` → `index.docker.io`; `ghcr.io` → `ghcr.io`.
    static func host(of key: String) -> String {
        var text = Substring(key)
        if let scheme = text.range(of: "://") { text = text[scheme.upperBound...] }
        if let slash = text.firstIndex(of: "/") { text = text[..<slash] }
        return String(text)
    }
}
