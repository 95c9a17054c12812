import Foundation
import Logging

/// The async loop behind ``KubeClient/waitForRollout(deployment:in:timeout:policy:podCheckInterval:progress:)``:
/// merges Deployment watch events, periodic pod checks and the deadline into one sequence of
/// inputs, and hands each state to the ``RolloutTracker``.
struct RolloutWaiter: Sendable {
    let client: KubeClient
    let name: String
    let namespace: String?
    let policy: FastFailPolicy
    let now: @Sendable () -> Date
    let progress: (@Sendable (RolloutProgress) -> Void)?

    private enum Input: Sendable {
        case changed(Deployment)
        case deleted
        case check
        case deadline
        case failure(any Error)
    }

    func run(initial: Deployment, timeout: Duration, podCheckInterval: Duration) async throws -> RolloutOutcome {
        var tracker = RolloutTracker(policy: policy)
        var deployment = initial
        var lastMessage = ""
        let uid = initial.metadata.uid

        // A rollout already decided by the Deployment as read starts no watch: a watch request
        // sent only to be cancelled would still reach the server after the caller moved on.
        var decision = try await evaluate(deployment, tracker: &tracker)
        switch decision {
        case .done(let message): return .succeeded(message: message)
        case .failed(let failure): return .failed(failure)
        case .waiting: break
        }

        let (inputs, continuation) = AsyncStream<Input>.makeStream()
        let watch = client.watch(Deployment.self, in: namespace, name: name, resourceVersion: initial.metadata.resourceVersion)
        let tasks = [
            Task {
                do {
                    for try await event in watch {
                        if event.type == .deleted || (uid != nil && event.object.metadata.uid != uid) {
                            continuation.yield(.deleted)
                        } else {
                            continuation.yield(.changed(event.object))
                        }
                    }
                } catch {
                    continuation.yield(.failure(error))
                }
            },
            Task {
                while !Task.isCancelled {
                    do { try await Task.sleep(for: podCheckInterval) } catch { return }
                    continuation.yield(.check)
                }
            },
            Task {
                do { try await Task.sleep(for: timeout) } catch { return }
                continuation.yield(.deadline)
            },
        ]
        defer {
            for task in tasks { task.cancel() }
            continuation.finish()
        }

        var iterator = inputs.makeAsyncIterator()
        while true {
            switch decision {
            case .done(let message): return .succeeded(message: message)
            case .failed(let failure): return .failed(failure)
            case .waiting(let message):
                if message != lastMessage {
                    lastMessage = message
                    report(message, deployment, tracker: tracker)
                }
            }
            guard let input = await iterator.next() else { throw CancellationError() }
            switch input {
            case .changed(let changed):
                deployment = changed
            case .deleted:
                return .failed(
                    RolloutFailure(
                        reason: .deploymentDeleted, deployment: name, message: "deployment \"\(name)\" was deleted while waiting for its rollout")
                )
            case .check:
                break
            case .deadline:
                return .timedOut(lastMessage: lastMessage)
            case .failure(let error):
                throw error
            }
            decision = try await evaluate(deployment, tracker: &tracker)
        }
    }

    /// The tracker's decision, with the new ReplicaSet's pods unless the rollout is done.
    private func evaluate(_ deployment: Deployment, tracker: inout RolloutTracker) async throws -> RolloutDecision {
        if case .done = RolloutTracker.deploymentStatus(deployment) {
            return tracker.evaluate(deployment: deployment, pods: [], now: now())
        }
        let pods = try await newPods(of: deployment)
        return tracker.evaluate(deployment: deployment, pods: pods, now: now())
    }

    /// The pods of the Deployment's new ReplicaSet (none while it has none).
    private func newPods(of deployment: Deployment) async throws -> [Pod] {
        let selector = deployment.spec.selector.selectorString
        let replicaSets = try await client.list(ReplicaSet.self, in: namespace, labelSelector: selector).items
        guard let newReplicaSet = RolloutTracker.newReplicaSet(of: deployment, among: replicaSets) else { return [] }
        let pods = try await client.list(Pod.self, in: namespace, labelSelector: newReplicaSet.spec.selector.selectorString).items
        return pods.filter { pod in
            guard let owner = pod.metadata.controllerReference, let uid = newReplicaSet.metadata.uid else { return true }
            return owner.uid == uid
        }
    }

    private func report(_ message: String, _ deployment: Deployment, tracker: RolloutTracker) {
        client.logger.debug("rollout progress", metadata: ["deployment": "\(name)", "message": "\(message)"])
        guard let progress else { return }
        progress(
            RolloutProgress(
                message: message,
                desiredReplicas: deployment.spec.replicas ?? 1,
                updatedReplicas: deployment.status.updatedReplicas ?? 0,
                availableReplicas: deployment.status.availableReplicas ?? 0,
                problems: tracker.problems
            )
        )
    }
}
