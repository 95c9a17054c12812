import Foundation
import KubeKit
import KubeSandbox
import TestSupport

@testable import BlueGreen

/// A sandbox cluster in the test process, with a KubeKit client and fast templates.
struct SandboxHarness {
    let sandbox: Sandbox
    let client: KubeClient
    let templates: String
    let namespace = "default"

    /// The repository's templates, with `minReadySeconds` dropped so that rollouts take the
    /// sandbox's readiness delay only.
    static func fastTemplates() throws -> String {
        let source = Prerequisites.repositoryRoot.appendingPathComponent("deployment_config")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for file in [ManifestSet.deploymentFile, ManifestSet.serviceFile, ManifestSet.previewServiceFile] {
            var text = try String(contentsOf: source.appendingPathComponent(file), encoding: .utf8)
            text = text.replacingOccurrences(of: "minReadySeconds: 5", with: "minReadySeconds: 0")
            try text.write(to: directory.appendingPathComponent(file), atomically: true, encoding: .utf8)
        }
        return directory.path
    }

    static func start(nodes: Int = 3, imageRules: [ImageRule] = [.init(pattern: "*:broken", behaviour: .pullFailure)]) async throws -> SandboxHarness {
        var configuration = SandboxConfiguration()
        configuration.nodes = SandboxConfiguration.nodes(count: nodes)
        configuration.readyAfter = .milliseconds(100)
        configuration.imageRules = imageRules
        let sandbox = try await Sandbox.start(configuration)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kubeconfig-\(UUID().uuidString)").path
        try sandbox.writeKubeconfig(to: path)
        let cluster = try KubeConfig.load(kubeconfigPath: path).clusterConfiguration()
        return SandboxHarness(sandbox: sandbox, client: try KubeClient(cluster), templates: try fastTemplates())
    }

    func stop() async {
        try? await client.shutdown()
        try? await sandbox.shutdown()
    }

    func cluster(version: String = "1", replicas: Int = 2) throws -> KubeBlueGreenCluster {
        let manifests = try ManifestSet(directory: templates, app: "web", version: version, namespace: namespace, replicas: replicas)
        let quick = FastFailPolicy(gracePeriods: FastFailPolicy.standard.gracePeriods.mapValues { _ in .seconds(2) })
        return KubeBlueGreenCluster(client: client, namespace: namespace, manifests: manifests, fastFail: quick)
    }

    func request(_ version: String, image: String? = nil, change: (inout DeployRequest) -> Void = { _ in }) throws -> DeployRequest {
        var request = DeployRequest(
            app: "web", version: version, namespace: namespace, image: try ImageReference(parsing: image ?? "registry.example.com/web:\(version)"),
            imageCheck: .skip, actor: "tests")
        change(&request)
        return request
    }

    func deploy(_ version: String, image: String? = nil, identity: String = UUID().uuidString, change: (inout DeployRequest) -> Void = { _ in }) async throws -> Result<DeployResult, DeployFailure> {
        let engine = DeployEngine(
            dependencies: .init(cluster: try cluster(version: version), resolveImage: { _ in nil }),
            options: .init(identity: identity, timeout: .seconds(60)))
        return await engine.run(try request(version, image: image, change: change))
    }

    func route(_ target: RouteEngine.Target, identity: String = UUID().uuidString, lockWait: Duration = .zero) async throws -> Result<RouteEngine.Outcome, DeployFailure> {
        try await RouteEngine(cluster: cluster(), options: .init(identity: identity, lockWait: lockWait)).route(app: "web", to: target, actor: "tests")
    }

    func purge(keep: Int = 0, identity: String = UUID().uuidString, lockWait: Duration = .zero) async throws -> Result<PurgeEngine.Outcome, DeployFailure> {
        try await PurgeEngine(cluster: cluster(), options: .init(identity: identity, lockWait: lockWait)).purge(app: "web", keep: keep)
    }

    /// The version the Service selects.
    func activeVersion() async throws -> String? {
        try await client.get(Service.self, "web", in: namespace).spec.selector[Names.versionLabel]
    }

    func deploymentNames() async throws -> [String] {
        try await client.list(Deployment.self, in: namespace, labelSelector: Names.appSelector(app: "web")).items.map(\.name).sorted()
    }
}
