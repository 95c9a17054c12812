/// The resources the sandbox serves: the kinds the project (and kubectl) use.
public enum ResourceCatalog {
    /// core/v1 namespaces.
    public static let namespaces = ResourceType(
        group: "", version: "v1", resource: "namespaces", singular: "namespace", kind: "Namespace", namespaced: false,
        shortNames: ["ns"], categories: [], subresources: ["status", "finalize"], hasGeneration: false)
    /// core/v1 nodes.
    public static let nodes = ResourceType(
        group: "", version: "v1", resource: "nodes", singular: "node", kind: "Node", namespaced: false,
        shortNames: ["no"], categories: [], subresources: ["status"], hasGeneration: false)
    /// core/v1 pods.
    public static let pods = ResourceType(
        group: "", version: "v1", resource: "pods", singular: "pod", kind: "Pod", namespaced: true,
        shortNames: ["po"], categories: ["all"], subresources: ["status"], hasGeneration: false)
    /// core/v1 services.
    public static let services = ResourceType(
        group: "", version: "v1", resource: "services", singular: "service", kind: "Service", namespaced: true,
        shortNames: ["svc"], categories: ["all"], subresources: ["status"], hasGeneration: false)
    /// core/v1 configmaps.
    public static let configMaps = ResourceType(
        group: "", version: "v1", resource: "configmaps", singular: "configmap", kind: "ConfigMap", namespaced: true,
        shortNames: ["cm"], categories: [], subresources: [], hasGeneration: false)
    /// core/v1 secrets.
    public static let secrets = ResourceType(
        group: "", version: "v1", resource: "secrets", singular: "secret", kind: "Secret", namespaced: true,
        shortNames: [], categories: [], subresources: [], hasGeneration: false)
    /// core/v1 service accounts.
    public static let serviceAccounts = ResourceType(
        group: "", version: "v1", resource: "serviceaccounts", singular: "serviceaccount", kind: "ServiceAccount", namespaced: true,
        shortNames: ["sa"], categories: [], subresources: [], hasGeneration: false)
    /// core/v1 events.
    public static let events = ResourceType(
        group: "", version: "v1", resource: "events", singular: "event", kind: "Event", namespaced: true,
        shortNames: ["ev"], categories: [], subresources: [], hasGeneration: false)
    /// core/v1 endpoints.
    public static let endpoints = ResourceType(
        group: "", version: "v1", resource: "endpoints", singular: "endpoints", kind: "Endpoints", namespaced: true,
        shortNames: ["ep"], categories: [], subresources: [], hasGeneration: false)
    /// apps/v1 deployments.
    public static let deployments = ResourceType(
        group: "apps", version: "v1", resource: "deployments", singular: "deployment", kind: "Deployment", namespaced: true,
        shortNames: ["deploy"], categories: ["all"], subresources: ["status", "scale"], hasGeneration: true)
    /// apps/v1 replica sets.
    public static let replicaSets = ResourceType(
        group: "apps", version: "v1", resource: "replicasets", singular: "replicaset", kind: "ReplicaSet", namespaced: true,
        shortNames: ["rs"], categories: ["all"], subresources: ["status", "scale"], hasGeneration: true)
    /// coordination.k8s.io/v1 leases.
    public static let leases = ResourceType(
        group: "coordination.k8s.io", version: "v1", resource: "leases", singular: "lease", kind: "Lease", namespaced: true,
        shortNames: [], categories: [], subresources: [], hasGeneration: false)
    /// discovery.k8s.io/v1 endpoint slices.
    public static let endpointSlices = ResourceType(
        group: "discovery.k8s.io", version: "v1", resource: "endpointslices", singular: "endpointslice", kind: "EndpointSlice",
        namespaced: true, shortNames: [], categories: [], subresources: [], hasGeneration: false)

    /// Every resource served, in discovery order.
    public static let all: [ResourceType] = [
        namespaces, nodes, pods, services, configMaps, secrets, serviceAccounts, events, endpoints,
        deployments, replicaSets, leases, endpointSlices,
    ]

    /// The group versions served, in discovery order (core first).
    public static let groupVersions: [(group: String, version: String)] = {
        var seen: [String] = []
        var result: [(String, String)] = []
        for type in all where !seen.contains(type.groupVersion) {
            seen.append(type.groupVersion)
            result.append((type.group, type.version))
        }
        return result
    }()

    private static let byPath: [String: ResourceType] = {
        var map: [String: ResourceType] = [:]
        for type in all { map["\(type.group)/\(type.version)/\(type.resource)"] = type }
        return map
    }()

    /// The resource served at a group, version and plural name.
    public static func lookup(group: String, version: String, resource: String) -> ResourceType? {
        byPath["\(group)/\(version)/\(resource)"]
    }

    /// The resource of an `apiVersion` and `kind` pair (as found in a document).
    public static func lookup(apiVersion: String, kind: String) -> ResourceType? {
        all.first { $0.groupVersion == apiVersion && $0.kind == kind }
    }
}
