import AWSKit
import BlueGreen
import KubeKit
import Logging

extension ConnectionOptions {
    /// Connects the pipeline these options describe.
    public func connect(_ lock: LockOptions, fastFail: FastFailPolicy = .standard, logger: Logger) async throws -> BlueGreenPipeline {
        let settings = BlueGreenPipeline.Settings(
            actor: lock.actor ?? Identity.actor(), lockWait: lock.lockWait.duration, lockDuration: lock.lockTTL.duration, fastFail: fastFail,
            aws: AWSConfiguration(region: region.map(AWSRegion.init(rawValue:)), profile: profile), logger: logger)
        let connection: BlueGreenPipeline.Connection = eksCluster.map { .eks(cluster: $0) } ?? .kubeconfig(path: kubeconfig, context: context)
        return try await BlueGreenPipeline.connect(connection, namespace: namespace, roleARN: roleArn, settings: settings)
    }
}

extension BlueGreenPipeline {
    /// Runs `body` with the pipeline, then closes its connections; errors are classified.
    public func using<T: Sendable>(_ body: (BlueGreenPipeline) async -> Result<T, DeployFailure>) async -> Result<T, DeployFailure> {
        let result = await body(self)
        await shutdown()
        return result
    }
}
