import Foundation

/// What the simulated controllers remember between passes (the real ones keep it in memory too).
struct ControllerState {
    /// When the kubelet first saw each pod bound to its node, by pod uid.
    var podStartedAt: [String: Date] = [:]
    /// Event names by (object uid, reason, message), for aggregation into counts.
    var eventNames: [String: String] = [:]
    /// Next pod IP suffix per node.
    var nextPodIP: [String: Int] = [:]
    /// Deployments the deployment controller must sync.
    var deploymentQueue = WorkQueue()
    /// ReplicaSets the ReplicaSet controller must sync.
    var replicaSetQueue = WorkQueue()
}
