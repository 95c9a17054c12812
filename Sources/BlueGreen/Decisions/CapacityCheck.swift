/// Whether the cluster has room for one more version of the app.
public enum CapacityPolicy: String, Sendable, Equatable, CaseIterable {
    /// The seed pipeline's rule: the app's live versions must stay below the number of Ready,
    /// schedulable nodes (so that every version can have a node of its own).
    case nodes
    /// The new version's pods, with their CPU and memory requests, must fit in the nodes' free
    /// allocatable resources (simulated placement, pod by pod).
    case resources
    /// No check.
    case none
}

/// The capacity decision, a pure function of what was observed.
public struct CapacityCheck: Sendable, Equatable {
    public var policy: CapacityPolicy
    /// Refuse when the app already has this many live versions (besides the one being deployed).
    public var maxVersions: Int?

    public init(policy: CapacityPolicy = .nodes, maxVersions: Int? = nil) {
        self.policy = policy
        self.maxVersions = maxVersions
    }

    /// What of the nodes the decision reads: nothing for `none` (which then needs no permission
    /// on nodes), their allocatable resources for `nodes`, also their pods' requests for
    /// `resources`.
    public var nodeDetail: NodeDetail {
        switch policy {
        case .none: .none
        case .nodes: .allocatable
        case .resources: .requests
        }
    }

    /// Why the cluster is at capacity, or `nil` when the new version fits.
    public struct Refusal: Sendable, Equatable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// Decides for a new version `version` with `replicas` pods each requesting `podRequests`.
    public func evaluate(snapshot: ClusterSnapshot, version: String, replicas: Int, podRequests: Resources) -> Refusal? {
        let others = snapshot.versions.filter { $0.version != version }
        if let maxVersions, others.count >= maxVersions {
            return Refusal(
                message: "the app already has \(others.count) live version(s) (\(others.map(\.version).sorted().joined(separator: ", "))) and --max-versions is \(maxVersions); purge idle versions first (bluegreen-purge)"
            )
        }
        switch policy {
        case .none:
            return nil
        case .nodes:
            let usable = snapshot.nodes.filter(\.usable)
            guard others.count < usable.count else {
                return Refusal(
                    message: "the cluster is at capacity: the app has \(others.count) live version(s) and there are \(usable.count) Ready, schedulable node(s) (policy 'nodes' needs fewer versions than nodes); purge idle versions (bluegreen-purge) or add nodes"
                )
            }
            return nil
        case .resources:
            return placementRefusal(nodes: snapshot.nodes.filter(\.usable), replicas: replicas, podRequests: podRequests)
        }
    }

    /// Places the pods one by one on the node with the most free CPU that fits them, as a
    /// spreading scheduler would; refuses as soon as one cannot be placed.
    private func placementRefusal(nodes: [NodeState], replicas: Int, podRequests: Resources) -> Refusal? {
        guard !nodes.isEmpty else {
            return Refusal(message: "the cluster is at capacity: no node is Ready and schedulable")
        }
        var free = nodes.map { (name: $0.name, resources: $0.allocatable - $0.requested, pods: $0.allocatablePods - $0.podCount) }
        for placed in 0..<replicas {
            let candidates = free.indices.filter { free[$0].pods > 0 && free[$0].resources.fits(podRequests) }
            guard let best = candidates.max(by: { free[$0].resources.milliCPU < free[$1].resources.milliCPU }) else {
                let totalFree = free.reduce(Resources.zero) { $0 + Resources(milliCPU: max(0, $1.resources.milliCPU), memoryBytes: max(0, $1.resources.memoryBytes)) }
                return Refusal(
                    message: "the cluster is at capacity: only \(placed) of \(replicas) pod(s) requesting \(podRequests) each fit on the Ready, schedulable nodes (free in total: \(totalFree)); purge idle versions (bluegreen-purge), lower the requests or add nodes"
                )
            }
            free[best].resources = free[best].resources - podRequests
            free[best].pods -= 1
        }
        return nil
    }
}
