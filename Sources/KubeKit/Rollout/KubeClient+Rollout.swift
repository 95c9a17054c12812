import Foundation
import Logging

extension KubeClient {
    /// Waits until a Deployment has rolled out, as `kubectl rollout status` does, but fails
    /// fast, with the pods' reasons, when its new pods are stuck (see ``FastFailPolicy``).
    ///
    /// It watches the Deployment (resuming if the watch is cut) and, while the rollout is in
    /// progress, looks at the pods of the new ReplicaSet (selected by its `pod-template-hash`)
    /// each time the Deployment changes and at least every `podCheckInterval`.
    ///
    /// - Parameters:
    ///   - name: the Deployment.
    ///   - timeout: how long to wait in all.
    ///   - policy: how long a pod may show a failure reason before the rollout fails.
    ///   - progress: called with each new progress message (not repeated while unchanged).
    /// - Returns: ``RolloutOutcome/succeeded(message:)``, ``RolloutOutcome/failed(_:)``
    ///   (progress deadline, stuck pods, Deployment deleted) or ``RolloutOutcome/timedOut(lastMessage:)``.
    /// - Throws: ``KubeError`` when the Deployment does not exist at the start or the API fails.
    public func waitForRollout(
        deployment name: String,
        in namespace: String? = nil,
        timeout: Duration,
        policy: FastFailPolicy = .standard,
        podCheckInterval: Duration = .seconds(2),
        progress: (@Sendable (RolloutProgress) -> Void)? = nil
    ) async throws -> RolloutOutcome {
        let namespace = try objectNamespace(Deployment.apiResource, given: namespace)
        let initial = try await get(Deployment.self, name, in: namespace)
        let waiter = RolloutWaiter(client: self, name: name, namespace: namespace, policy: policy, now: { Date() }, progress: progress)
        return try await waiter.run(initial: initial, timeout: timeout, podCheckInterval: podCheckInterval)
    }
}
