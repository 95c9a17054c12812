import Foundation
import SDKCore
import Yams

/// Reads one kubeconfig document (YAML or JSON) into a ``KubeConfig``. Every error names the
/// file, the entry and the field; no value is quoted, since values may be credentials.
struct KubeConfigParser {
    let file: String?
    /// The folder relative paths are resolved against; `nil` leaves them as written.
    let baseDirectory: String?

    func parse(_ text: String) throws -> KubeConfig {
        let root: Yams.Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw KubeConfigError(.malformed, file: file, "not valid YAML (\(Self.position(of: error))); fix the syntax")
        } catch {
            throw KubeConfigError(.malformed, file: file, "not valid YAML; fix the syntax")
        }
        var config = KubeConfig(files: file.map { [$0] } ?? [])
        guard let root else { return config }  // An empty file is an empty configuration.
        guard let mapping = root.mapping else {
            throw KubeConfigError(.malformed, file: file, "the document is not a mapping (expected apiVersion, clusters, contexts, users)")
        }
        if let kind = try string(mapping["kind"], "kind", entry: nil), !kind.isEmpty, kind != "Config" {
            throw KubeConfigError(.malformed, file: file, "kind is '\(kind)', not Config; this file is not a kubeconfig")
        }
        config.currentContext = try string(mapping["current-context"], "current-context", entry: nil).flatMap { $0.isEmpty ? nil : $0 }
        for (name, body, entry) in try namedEntries(mapping["clusters"], list: "clusters", member: "cluster") {
            config.clusters[name] = try cluster(body, entry: entry)
        }
        for (name, body, entry) in try namedEntries(mapping["users"], list: "users", member: "user") {
            config.users[name] = try user(body, entry: entry)
        }
        for (name, body, entry) in try namedEntries(mapping["contexts"], list: "contexts", member: "context") {
            config.contexts[name] = KubeConfig.Context(
                cluster: try string(body?["cluster"], "cluster", entry: entry),
                user: try string(body?["user"], "user", entry: entry),
                namespace: try string(body?["namespace"], "namespace", entry: entry),
                source: file
            )
        }
        return config
    }

    // MARK: - Entries

    private func cluster(_ body: Yams.Node.Mapping?, entry: String) throws -> KubeConfig.Cluster {
        var cluster = KubeConfig.Cluster(source: file)
        cluster.server = try string(body?["server"], "server", entry: entry)
        cluster.certificateAuthority = try path(body?["certificate-authority"], "certificate-authority", entry: entry)
        cluster.certificateAuthorityData = try base64(body?["certificate-authority-data"], "certificate-authority-data", entry: entry)
        cluster.insecureSkipTLSVerify = try bool(body?["insecure-skip-tls-verify"], "insecure-skip-tls-verify", entry: entry) ?? false
        cluster.tlsServerName = try string(body?["tls-server-name"], "tls-server-name", entry: entry)
        cluster.proxyURL = try string(body?["proxy-url"], "proxy-url", entry: entry)
        cluster.disableCompression = try bool(body?["disable-compression"], "disable-compression", entry: entry) ?? false
        for (name, extensionBody, _) in try namedEntries(body?["extensions"], list: "\(entry): extensions", member: "extension")
        where name == "client.authentication.k8s.io/exec" {
            cluster.execExtension = extensionBody.map { Self.json(.mapping($0)) }
        }
        return cluster
    }

    private func user(_ body: Yams.Node.Mapping?, entry: String) throws -> KubeConfig.User {
        var user = KubeConfig.User(source: file)
        user.clientCertificate = try path(body?["client-certificate"], "client-certificate", entry: entry)
        user.clientCertificateData = try base64(body?["client-certificate-data"], "client-certificate-data", entry: entry)
        user.clientKey = try path(body?["client-key"], "client-key", entry: entry)
        user.clientKeyData = try base64(body?["client-key-data"], "client-key-data", entry: entry).map(Secret.init)
        user.token = try string(body?["token"], "token", entry: entry).flatMap { $0.isEmpty ? nil : Secret($0) }
        user.tokenFile = try path(body?["tokenFile"], "tokenFile", entry: entry)
        user.username = try string(body?["username"], "username", entry: entry)
        user.password = try string(body?["password"], "password", entry: entry).map(Secret.init)
        user.impersonate = try string(body?["as"], "as", entry: entry)
        user.impersonateGroups = try strings(body?["as-groups"], "as-groups", entry: entry)
        user.impersonateUID = try string(body?["as-uid"], "as-uid", entry: entry)
        if let provider = body?["auth-provider"] {
            user.authProvider = try string(provider.mapping?["name"], "auth-provider.name", entry: entry) ?? "unnamed"
        }
        if let exec = body?["exec"] {
            user.exec = try execConfiguration(exec, entry: entry)
        }
        return user
    }

    private func execConfiguration(_ node: Yams.Node, entry: String) throws -> ExecConfiguration {
        guard let exec = node.mapping else {
            throw KubeConfigError(.malformed, file: file, entry: entry, "exec must be a mapping with apiVersion and command")
        }
        guard let apiVersion = try string(exec["apiVersion"], "exec.apiVersion", entry: entry), !apiVersion.isEmpty else {
            throw KubeConfigError(
                .invalidValue, file: file, entry: entry,
                "exec.apiVersion is missing; set it to \(ExecConfiguration.v1) (or the version the plugin speaks)")
        }
        guard apiVersion == ExecConfiguration.v1 || apiVersion == ExecConfiguration.v1beta1 else {
            throw KubeConfigError(
                .unsupported, file: file, entry: entry,
                "exec.apiVersion '\(apiVersion)' is not supported; use \(ExecConfiguration.v1) or \(ExecConfiguration.v1beta1) "
                    + "(v1alpha1 was removed in Kubernetes 1.24; with aws eks, update the AWS CLI and run aws eks update-kubeconfig again)"
            )
        }
        guard var command = try string(exec["command"], "exec.command", entry: entry), !command.isEmpty else {
            throw KubeConfigError(.invalidValue, file: file, entry: entry, "exec.command is missing; set it to the credential plugin to run")
        }
        if command.contains("/"), !command.hasPrefix("/"), let baseDirectory {
            command = URL(fileURLWithPath: baseDirectory).appendingPathComponent(command).standardized.path
        }
        var env: [ExecConfiguration.EnvironmentVariable] = []
        for (index, variable) in (exec["env"]?.sequence.map(Array.init) ?? []).enumerated() {
            guard let name = try string(variable.mapping?["name"], "exec.env[\(index)].name", entry: entry), !name.isEmpty else {
                throw KubeConfigError(
                    .invalidValue, file: file, entry: entry, "exec.env[\(index)] has no name; give each variable a name and a value")
            }
            env.append(.init(name: name, value: try string(variable.mapping?["value"], "exec.env[\(index)].value", entry: entry) ?? ""))
        }
        let modeText = try string(exec["interactiveMode"], "exec.interactiveMode", entry: entry)
        let mode: ExecConfiguration.InteractiveMode
        switch modeText {
        case nil, "":
            guard apiVersion == ExecConfiguration.v1beta1 else {
                throw KubeConfigError(
                    .invalidValue, file: file, entry: entry,
                    "exec.interactiveMode is required with \(ExecConfiguration.v1); set it to Never, IfAvailable or Always"
                )
            }
            mode = .ifAvailable
        case "Never": mode = .never
        case "IfAvailable": mode = .ifAvailable
        case "Always": mode = .always
        case let other?:
            throw KubeConfigError(.invalidValue, file: file, entry: entry, "exec.interactiveMode '\(other)' is not one of Never, IfAvailable, Always")
        }
        return ExecConfiguration(
            apiVersion: apiVersion,
            command: command,
            args: try strings(exec["args"], "exec.args", entry: entry),
            env: env,
            installHint: try string(exec["installHint"], "exec.installHint", entry: entry),
            provideClusterInfo: try bool(exec["provideClusterInfo"], "exec.provideClusterInfo", entry: entry) ?? false,
            interactiveMode: mode
        )
    }

    // MARK: - Values

    /// The `{name, <member>}` items of a list such as `clusters`; a later item of the same name
    /// replaces an earlier one, as in client-go.
    private func namedEntries(_ node: Yams.Node?, list: String, member: String) throws -> [(String, Yams.Node.Mapping?, String)] {
        guard let node, node.null == nil else { return [] }
        guard let items = node.sequence else {
            throw KubeConfigError(.malformed, file: file, "\(list) must be a list of {name, \(member)} entries")
        }
        return try items.enumerated().map { index, item in
            guard let mapping = item.mapping,
                let name = try string(mapping["name"], "name", entry: "\(list)[\(index)]"), !name.isEmpty
            else {
                throw KubeConfigError(.malformed, file: file, entry: "\(list)[\(index)]", "the entry has no name; give every \(member) a name")
            }
            let entry = "\(member) \"\(name)\""
            let body = mapping[member]
            if let body, body.mapping == nil, body.null == nil {
                throw KubeConfigError(.malformed, file: file, entry: entry, "\(member) must be a mapping")
            }
            return (name, body?.mapping, entry)
        }
    }

    private func string(_ node: Yams.Node?, _ field: String, entry: String?) throws -> String? {
        guard let node, node.null == nil else { return nil }
        guard let scalar = node.scalar else {
            throw KubeConfigError(.invalidValue, file: file, entry: entry, "\(field) must be a string")
        }
        return scalar.string
    }

    private func strings(_ node: Yams.Node?, _ field: String, entry: String) throws -> [String] {
        guard let node, node.null == nil else { return [] }
        guard let items = node.sequence else {
            throw KubeConfigError(.invalidValue, file: file, entry: entry, "\(field) must be a list of strings")
        }
        return try items.map { item in
            guard let scalar = item.scalar else {
                throw KubeConfigError(.invalidValue, file: file, entry: entry, "\(field) must be a list of strings")
            }
            return scalar.string
        }
    }

    private func bool(_ node: Yams.Node?, _ field: String, entry: String) throws -> Bool? {
        guard let node, node.null == nil else { return nil }
        guard let value = node.bool else {
            throw KubeConfigError(.invalidValue, file: file, entry: entry, "\(field) must be true or false")
        }
        return value
    }

    private func base64(_ node: Yams.Node?, _ field: String, entry: String) throws -> String? {
        guard let text = try string(node, field, entry: entry), !text.isEmpty else { return nil }
        let compact = text.filter { !$0.isWhitespace }
        guard let data = Data(base64Encoded: compact) else {
            throw KubeConfigError(
                .invalidValue, file: file, entry: entry, "\(field) is not valid base64; paste the base64 of the PEM file (base64 -w0 file.pem)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    private func path(_ node: Yams.Node?, _ field: String, entry: String) throws -> String? {
        guard let text = try string(node, field, entry: entry), !text.isEmpty else { return nil }
        guard !text.hasPrefix("/"), let baseDirectory else { return text }
        return URL(fileURLWithPath: baseDirectory).appendingPathComponent(text).standardized.path
    }

    private static func position(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return "line \(mark.line), column \(mark.column): \(problem)"
        default:
            return "\(type(of: error))"
        }
    }

    /// A YAML node as JSON, scalars typed by their resolved tag.
    static func json(_ node: Yams.Node) -> JSONValue {
        switch node {
        case .mapping(let mapping):
            var members: [String: JSONValue] = [:]
            for (key, value) in mapping {
                if let name = key.string { members[name] = json(value) }
            }
            return .object(members)
        case .sequence(let sequence):
            return .array(sequence.map(json))
        case .scalar(let scalar):
            // Quoted scalars are strings; plain ones resolve as YAML 1.1 core types.
            guard scalar.style == .plain else { return .string(scalar.string) }
            if node.null != nil { return .null }
            if let value = node.bool { return .bool(value) }
            if let value = node.int { return .integer(Int64(value)) }
            if let value = node.float { return .double(value) }
            return .string(scalar.string)
        case .alias:
            return .null
        }
    }
}
