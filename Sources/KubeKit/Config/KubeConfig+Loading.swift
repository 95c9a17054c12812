import Foundation
import Logging

extension KubeConfig {
    /// Loads the kubeconfig as kubectl does.
    ///
    /// - An explicit `kubeconfigPath` (`--kubeconfig`) is the only file read, and must exist.
    /// - Otherwise every file in `KUBECONFIG` (colon-separated; missing ones skipped) is read and
    ///   merged: the first file to define a context, cluster or user by a name wins for that
    ///   name, and the first file to set `current-context` wins.
    /// - Otherwise `~/.kube/config`.
    /// - With no file at all, a pod's service account (`KUBERNETES_SERVICE_HOST`) is used.
    ///
    /// Relative paths in a file are resolved against that file's folder.
    /// - Parameters:
    ///   - context: overrides `current-context` (`--context`).
    ///   - environment: where `KUBECONFIG`, `HOME` and the in-cluster variables are read.
    ///   - homeDirectory: overrides `HOME`.
    ///   - serviceAccountDirectory: where the in-cluster token, CA and namespace are read.
    /// - Throws: ``KubeConfigError`` naming the file, the entry and the problem.
    public static func load(
        kubeconfigPath: String? = nil,
        context: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        homeDirectory: String? = nil,
        serviceAccountDirectory: String = "/var/run/secrets/kubernetes.io/serviceaccount",
        logger: Logger = Logger(label: "KubeKit", factory: { _ in SwiftLogNoOpLogHandler() })
    ) throws -> KubeConfig {
        var candidates: [String]
        var looked: String
        if let kubeconfigPath, !kubeconfigPath.isEmpty {
            guard FileManager.default.fileExists(atPath: kubeconfigPath) else {
                throw KubeConfigError(.unreadableFile, file: kubeconfigPath, "the file does not exist; check the --kubeconfig path")
            }
            candidates = [kubeconfigPath]
            looked = kubeconfigPath
        } else if let list = environment["KUBECONFIG"], !list.isEmpty {
            var seen = Set<String>()
            candidates = list.split(separator: ":").map(String.init).filter { !$0.isEmpty && seen.insert($0).inserted }
            looked = "KUBECONFIG=\(list)"
        } else if let home = homeDirectory ?? environment["HOME"], !home.isEmpty {
            let path = URL(fileURLWithPath: home).appendingPathComponent(".kube/config").path
            candidates = [path]
            looked = path
        } else {
            candidates = []
            looked = "~/.kube/config (HOME is not set)"
        }

        var configs: [KubeConfig] = []
        for path in candidates {
            guard FileManager.default.fileExists(atPath: path) else {
                logger.debug("kubeconfig file not found, skipped", metadata: ["file": "\(path)"])
                continue
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw KubeConfigError(.unreadableFile, file: path, "the file cannot be read; check its permissions")
            }
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
            configs.append(try KubeConfigParser(file: path, baseDirectory: directory).parse(String(decoding: data, as: UTF8.self)))
        }

        guard !configs.isEmpty else {
            if let inCluster = InClusterEnvironment(environment: environment, directory: serviceAccountDirectory) {
                var config = KubeConfig()
                config.inCluster = inCluster
                return config
            }
            throw KubeConfigError(
                .noConfiguration,
                "no kubeconfig found (looked at \(looked)) and not running in a pod; pass --kubeconfig, set KUBECONFIG, or create ~/.kube/config "
                    + "(for EKS: aws eks update-kubeconfig --name <cluster>)"
            )
        }

        var merged = KubeConfig.merging(configs)
        if let context, !context.isEmpty { merged.currentContext = context }
        if let selected = merged.currentContext, merged.contexts[selected] == nil {
            let known = merged.contexts.keys.sorted().joined(separator: ", ")
            throw KubeConfigError(
                .missingEntry, file: merged.files.joined(separator: ", "), entry: "context \"\(selected)\"",
                "no such context" + (known.isEmpty ? "; the files define none" : "; available contexts: \(known)")
            )
        }
        return merged
    }

    /// Parses one kubeconfig document (YAML or JSON). Relative paths stay as written unless
    /// `baseDirectory` is given.
    /// - Throws: ``KubeConfigError``.
    public static func parse(_ text: String, file: String? = nil, baseDirectory: String? = nil) throws -> KubeConfig {
        try KubeConfigParser(file: file, baseDirectory: baseDirectory).parse(text)
    }

    /// Merges configurations in precedence order: for every name, the first definition wins,
    /// as does the first non-empty `current-context`.
    static func merging(_ configs: [KubeConfig]) -> KubeConfig {
        var merged = KubeConfig()
        for config in configs {
            merged.clusters.merge(config.clusters) { first, _ in first }
            merged.users.merge(config.users) { first, _ in first }
            merged.contexts.merge(config.contexts) { first, _ in first }
            if merged.currentContext == nil { merged.currentContext = config.currentContext }
            merged.files += config.files
        }
        return merged
    }
}
