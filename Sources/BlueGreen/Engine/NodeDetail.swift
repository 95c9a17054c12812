/// How much of the cluster's nodes an observation reads: only what the decision made from it
/// needs, since every level costs requests and a cluster-scoped permission.
public enum NodeDetail: Sendable, Equatable {
    /// No nodes: route, purge, the version listing and a deploy with `--capacity-policy none`
    /// decide without them (and need no permission on nodes).
    case none
    /// Each node's readiness, schedulability and allocatable resources (`list nodes`).
    case allocatable
    /// Also the requests of the pods bound to each node (`list pods` in all namespaces), for the
    /// `resources` capacity policy.
    case requests
}
