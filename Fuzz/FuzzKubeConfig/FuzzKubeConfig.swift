import Foundation
import FuzzSupport
import KubeKit

/// A folder with stand-ins for the files a kubeconfig names (one per process, reused): the
/// target points every certificate and key path there, so that no input makes it read
/// `/dev/zero` or another endless file.
let workDirectory: String = {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-kubeconfig-\(ProcessInfo.processInfo.processIdentifier)").path
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    FileManager.default.createFile(atPath: "\(path)/file.pem", contents: Data("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n".utf8))
    return path
}()

/// libFuzzer entry point: parses the input as a kubeconfig (YAML or JSON) and resolves its
/// current context as `KubeClient` would, checking that only ``KubeConfigError`` is thrown, that
/// a resolved configuration is usable, and that no secret of the file shows in a description.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKubeConfig(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = FuzzInput(data, size).text
    var config: KubeConfig
    do {
        config = try KubeConfig.parse(text, file: "fuzz.kubeconfig", baseDirectory: workDirectory)
    } catch {
        invariant(error is KubeConfigError, "parsing fails only with KubeConfigError, not \(type(of: error)): \(error)")
        return 0
    }
    let secrets = checkableSecrets(config, in: text)
    checkNoSecret(secrets, in: "\(config) \(String(reflecting: config))")
    for name in config.clusters.keys {
        if config.clusters[name]?.certificateAuthority != nil { config.clusters[name]?.certificateAuthority = "\(workDirectory)/file.pem" }
    }
    for name in config.users.keys {
        if config.users[name]?.clientCertificate != nil { config.users[name]?.clientCertificate = "\(workDirectory)/file.pem" }
        if config.users[name]?.clientKey != nil { config.users[name]?.clientKey = "\(workDirectory)/file.pem" }
    }
    do {
        let cluster = try config.clusterConfiguration(environment: [:])
        let scheme = cluster.server.scheme?.lowercased()
        invariant(scheme == "https" || scheme == "http", "the server is an http(s) URL: \(cluster.server)")
        invariant(cluster.server.host?.isEmpty == false, "the server URL has a host: \(cluster.server)")
        invariant(!cluster.namespace.isEmpty, "the namespace is never empty")
        invariant(cluster.namespace == config.namespace, "the resolved namespace \(cluster.namespace) is the config's \(config.namespace)")
        checkNoSecret(secrets, in: "\(cluster) \(String(reflecting: cluster))")
    } catch {
        invariant(error is KubeConfigError, "resolving fails only with KubeConfigError, not \(type(of: error)): \(error)")
        checkNoSecret(secrets, in: "\(error)")
    }
    return 0
}

/// The users' tokens, passwords and inline keys that are written exactly once in the input, so
/// that seeing one in a description can only be a leak (anchors, escapes and repeated text make
/// the same characters legitimately appear elsewhere; those inputs are not checked).
func checkableSecrets(_ config: KubeConfig, in text: String) -> [String] {
    guard !text.contains("&"), !text.contains("*"), !text.contains("\\") else { return [] }
    let values = config.users.values.flatMap { [$0.token?.value, $0.password?.value, $0.clientKeyData?.value].compactMap { $0 } }
    return values.filter { $0.count >= 8 && text.components(separatedBy: $0).count == 2 }
}

func checkNoSecret(_ secrets: [String], in description: String) {
    for secret in secrets {
        invariant(!description.contains(secret), "a secret of the kubeconfig shows in a description: \(description.debugDescription)")
    }
}
