/// Where a kind of object lives in the API: its group, version, kind, plural resource name and
/// whether it is namespaced. One value of this type is all the client needs to serve a kind,
/// typed or generic.
public struct APIResource: Sendable, Hashable, CustomStringConvertible {
    /// The API group; empty for the core group (`v1`).
    public var group: String
    /// The version within the group, such as `v1`.
    public var version: String
    /// The kind, such as `Deployment`.
    public var kind: String
    /// The plural resource name used in paths, such as `deployments`.
    public var plural: String
    /// Whether objects of this kind live in a namespace.
    public var namespaced: Bool

    /// Describes a kind of object.
    public init(group: String, version: String, kind: String, plural: String, namespaced: Bool) {
        self.group = group
        self.version = version
        self.kind = kind
        self.plural = plural
        self.namespaced = namespaced
    }

    /// `group/version`, or just the version for the core group; the objects' `apiVersion`.
    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// `deployments.apps`, as the API server names a resource in its messages.
    public var description: String { group.isEmpty ? plural : "\(plural).\(group)" }

    /// The path prefix of the group version: `/api/v1` or `/apis/<group>/<version>`.
    var groupVersionPath: String { group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)" }
}

extension APIResource {
    /// apps/v1 Deployment.
    public static let deployments = APIResource(group: "apps", version: "v1", kind: "Deployment", plural: "deployments", namespaced: true)
    /// apps/v1 ReplicaSet.
    public static let replicaSets = APIResource(group: "apps", version: "v1", kind: "ReplicaSet", plural: "replicasets", namespaced: true)
    /// v1 Pod.
    public static let pods = APIResource(group: "", version: "v1", kind: "Pod", plural: "pods", namespaced: true)
    /// v1 Service.
    public static let services = APIResource(group: "", version: "v1", kind: "Service", plural: "services", namespaced: true)
    /// v1 Node (cluster-scoped).
    public static let nodes = APIResource(group: "", version: "v1", kind: "Node", plural: "nodes", namespaced: false)
    /// v1 Namespace (cluster-scoped).
    public static let namespaces = APIResource(group: "", version: "v1", kind: "Namespace", plural: "namespaces", namespaced: false)
    /// v1 ConfigMap.
    public static let configMaps = APIResource(group: "", version: "v1", kind: "ConfigMap", plural: "configmaps", namespaced: true)
    /// v1 Event (core events, as `kubectl get events` shows them).
    public static let events = APIResource(group: "", version: "v1", kind: "Event", plural: "events", namespaced: true)
    /// coordination.k8s.io/v1 Lease.
    public static let leases = APIResource(group: "coordination.k8s.io", version: "v1", kind: "Lease", plural: "leases", namespaced: true)
    /// discovery.k8s.io/v1 EndpointSlice.
    public static let endpointSlices = APIResource(
        group: "discovery.k8s.io", version: "v1", kind: "EndpointSlice", plural: "endpointslices", namespaced: true
    )
}
