import Foundation
import KubeKit
import Logging

/// The engine's cluster port over a KubeKit client, in one namespace.
///
/// Objects are changed with patches (never by writing back a decoded copy), guarded by the
/// resourceVersion the engine decided on, so fields KubeKit does not model survive.
public struct KubeBlueGreenCluster: BlueGreenCluster {
    public let client: KubeClient
    public let namespace: String
    /// The rendered templates; needed to create Deployments and Services (deploy), not to
    /// switch or delete them (route, purge).
    public let manifests: ManifestSet?
    /// How long a pod may be stuck (image pull, crash loop, unschedulable …) before the rollout
    /// fails, instead of waiting out the progress deadline.
    public let fastFail: FastFailPolicy
    /// Written into Events as the reporting component.
    public let component: String
    private let now: @Sendable () -> Date

    public init(
        client: KubeClient, namespace: String, manifests: ManifestSet? = nil, fastFail: FastFailPolicy = .standard, component: String = "bluegreen",
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.client = client
        self.namespace = namespace
        self.manifests = manifests
        self.fastFail = fastFail
        self.component = component
        self.now = now
    }

    // MARK: - Observation

    public func observe(app: String, nodes detail: NodeDetail) async throws -> ClusterSnapshot {
        try await translating("read the app's objects") {
            async let deployments = client.list(Deployment.self, in: namespace, labelSelector: Names.appSelector(app: app))
            async let service = optional { try await client.get(Service.self, Names.service(app: app), in: namespace) }
            async let nodes = nodeStates(detail)
            let versions = try await deployments.items.compactMap(Self.versionState)
            return ClusterSnapshot(versions: versions, service: try await service.map(Self.serviceState), nodes: try await nodes)
        }
    }

    static func versionState(_ deployment: Deployment) -> VersionState? {
        guard let version = deployment.metadata.labels[Names.versionLabel], deployment.metadata.deletionTimestamp == nil else { return nil }
        let status = deployment.status
        return VersionState(
            version: version,
            deploymentName: deployment.name,
            image: deployment.spec.template.spec.containers.first?.image ?? "",
            desiredReplicas: deployment.spec.replicas ?? 1,
            readyReplicas: status.readyReplicas ?? 0,
            availableReplicas: status.availableReplicas ?? 0,
            updatedReplicas: status.updatedReplicas ?? 0,
            totalReplicas: status.replicas ?? 0,
            generation: Int(deployment.metadata.generation ?? 0),
            observedGeneration: Int(status.observedGeneration ?? 0),
            created: deployment.metadata.creationTimestamp ?? Date(timeIntervalSince1970: 0),
            uid: deployment.metadata.uid ?? "",
            resourceVersion: deployment.metadata.resourceVersion ?? "",
            progressDeadlineExceeded: status.conditions.contains { $0.type == "Progressing" && $0.reason == "ProgressDeadlineExceeded" },
            podRequests: ManifestSet.podRequests(deployment))
    }

    static func serviceState(_ service: Service) -> ServiceState {
        ServiceState(
            name: service.name, activeVersion: service.spec.selector[Names.versionLabel],
            resourceVersion: service.metadata.resourceVersion ?? "", history: SwitchHistory(annotations: service.metadata.annotations))
    }

    private func nodeStates(_ detail: NodeDetail) async throws -> [NodeState] {
        guard detail != .none else { return [] }
        let nodes: [Node]
        do {
            nodes = try await client.list(Node.self).items
        } catch let error as KubeError where error.reason == .forbidden {
            throw ClusterError(
                .forbidden,
                "the pipeline may not list nodes (\(error.message)); the capacity check needs 'list nodes' (a ClusterRole), or pass --capacity-policy none")
        }
        var requested: [String: (resources: Resources, pods: Int)] = [:]
        if detail == .requests {
            let pods = try await client.list(Pod.self, in: KubeClient.allNamespaces, fieldSelector: "status.phase!=Succeeded,status.phase!=Failed").items
            for pod in pods {
                guard let node = pod.spec.nodeName, pod.status.phase != "Succeeded", pod.status.phase != "Failed" else { continue }
                let entry = requested[node] ?? (.zero, 0)
                requested[node] = (entry.resources + Self.requests(of: pod), entry.pods + 1)
            }
        }
        return nodes.map { node in
            let allocatable = node.status.allocatable
            let ready = node.status.conditions.contains { $0.type == "Ready" && $0.status == "True" }
            let tainted = node.spec.taints.contains { $0.effect == "NoSchedule" || $0.effect == "NoExecute" }
            return NodeState(
                name: node.name, ready: ready, schedulable: node.spec.unschedulable != true && !tainted,
                allocatable: Resources(
                    milliCPU: Int64(((allocatable["cpu"]?.value ?? 0) * 1000).rounded(.down)),
                    memoryBytes: Int64((allocatable["memory"]?.value ?? 0).rounded(.down))),
                requested: requested[node.name]?.resources ?? .zero,
                allocatablePods: Int(allocatable["pods"]?.value ?? 110),
                podCount: requested[node.name]?.pods ?? 0)
        }
    }

    private static func requests(of pod: Pod) -> Resources {
        pod.spec.containers.reduce(Resources.zero) { total, container in
            let values = container.resources.requests
            return total + Resources(
                milliCPU: Int64(((values["cpu"]?.value ?? 0) * 1000).rounded(.up)),
                memoryBytes: Int64((values["memory"]?.value ?? 0).rounded(.up)))
        }
    }

    // MARK: - Lock

    public func readLease(app: String) async throws -> LeaseState? {
        try await translating("read the lock") {
            try await optional { try await client.get(Lease.self, Names.lease(app: app), in: namespace) }.map(Self.leaseState)
        }
    }

    public func createLease(app: String, claim: LeaseClaim) async throws -> LeaseState {
        try await translating("take the lock") {
            var lease = Lease(metadata: ObjectMeta(
                name: Names.lease(app: app), namespace: namespace,
                labels: [Names.nameLabel: app, Names.managedByLabel: Names.managedByValue],
                annotations: [Self.operationAnnotation: claim.operation]))
            lease.spec = Self.leaseSpec(claim)
            return Self.leaseState(try await client.create(lease, in: namespace))
        }
    }

    public func updateLease(app: String, claim: LeaseClaim, resourceVersion: String) async throws -> LeaseState {
        try await translating("renew the lock") {
            let patch: JSONValue = [
                "metadata": ["annotations": [Self.operationAnnotation: .string(claim.operation)]],
                "spec": Self.leaseSpec(claim).json,
            ]
            return Self.leaseState(try await client.patch(Lease.self, Names.lease(app: app), in: namespace, .merge(patch, resourceVersion: resourceVersion)))
        }
    }

    public func deleteLease(app: String, resourceVersion: String) async throws {
        try await translating("release the lock") {
            try await client.delete(Lease.self, Names.lease(app: app), in: namespace, options: DeleteOptions(preconditions: .init(resourceVersion: resourceVersion)))
        }
    }

    static let operationAnnotation = "bluegreen.dev/operation"

    static func leaseSpec(_ claim: LeaseClaim) -> LeaseSpec {
        var spec = LeaseSpec(holderIdentity: claim.holder, leaseDurationSeconds: claim.durationSeconds, acquireTime: claim.acquireTime, renewTime: claim.renewTime)
        spec.leaseTransitions = claim.transitions
        return spec
    }

    static func leaseState(_ lease: Lease) -> LeaseState {
        LeaseState(
            holder: lease.spec.holderIdentity, renewTime: lease.spec.renewTime ?? lease.spec.acquireTime,
            durationSeconds: lease.spec.leaseDurationSeconds ?? 0, resourceVersion: lease.metadata.resourceVersion ?? "",
            operation: lease.metadata.annotations[operationAnnotation], transitions: lease.spec.leaseTransitions ?? 0)
    }

    // MARK: - Changes

    public func createDeployment(app: String, version: String, image: String, replicas: Int) async throws {
        let manifests = try requireManifests()
        let deployment = try manifests.deployment(image: image)
        try await translating("create Deployment \(deployment.name)") {
            _ = try await client.create(deployment, in: namespace)
        }
    }

    public func awaitRollout(app: String, version: String, timeout: Duration, progress: @escaping @Sendable (BlueGreen.RolloutProgress) -> Void) async throws -> RolloutResult {
        let name = Names.deployment(app: app, version: version)
        return try await translating("watch the rollout of \(name)") {
            let outcome = try await client.waitForRollout(deployment: name, in: namespace, timeout: timeout, policy: fastFail) { update in
                progress(BlueGreen.RolloutProgress(
                    desired: update.desiredReplicas, updated: update.updatedReplicas, ready: update.availableReplicas,
                    available: update.availableReplicas, message: update.message))
            }
            switch outcome {
            case .succeeded: return .ready
            case .failed(let failure): return .failed(message: failure.message, details: failure.pods.map(\.description))
            case .timedOut(let last): return .timedOut(progress: last)
            }
        }
    }

    /// Patches the preview Service's selector, and creates it from its template only when it is
    /// not there yet: after the first deploy that is one request.
    public func pointPreview(app: String, version: String) async throws {
        guard let preview = try requireManifests().previewService(version: version) else { return }
        let patch: JSONValue = ["spec": ["selector": [Names.nameLabel: .string(app), Names.versionLabel: .string(version)]]]
        try await translating("point Service \(preview.name)") {
            do {
                _ = try await client.patch(Service.self, preview.name, in: namespace, .merge(patch))
            } catch let error as KubeError where error.isNotFound {
                do {
                    _ = try await client.create(preview, in: namespace)
                } catch let error as KubeError where error.reason == .alreadyExists {
                    // Created by someone else since the patch: point it after all.
                    _ = try await client.patch(Service.self, preview.name, in: namespace, .merge(patch))
                }
            }
        }
    }

    public func createService(app: String, version: String, annotations: [String: String]) async throws {
        let service = try requireManifests().service(version: version, annotations: annotations)
        try await translating("create Service \(service.name)") {
            _ = try await client.create(service, in: namespace)
        }
    }

    public func switchService(app: String, version: String, resourceVersion: String, annotations: [String: String]) async throws {
        let name = Names.service(app: app)
        try await translating("switch Service \(name)") {
            let patch: JSONValue = [
                "metadata": ["annotations": .object(annotations.mapValues(JSONValue.string))],
                "spec": ["selector": [Names.nameLabel: .string(app), Names.versionLabel: .string(version)]],
            ]
            _ = try await client.patch(Service.self, name, in: namespace, .merge(patch, resourceVersion: resourceVersion))
        }
    }

    public func recordEvent(app: String, reason: String, message: String, warning: Bool) async throws {
        let at = now()
        var event = Event(metadata: ObjectMeta(name: "\(Names.service(app: app)).\(Self.eventSuffix(at))", namespace: namespace))
        var involved = ObjectReference()
        involved.apiVersion = "v1"
        involved.kind = "Service"
        involved.name = Names.service(app: app)
        involved.namespace = namespace
        event.involvedObject = involved
        event.reason = reason
        event.message = message
        event.type = warning ? "Warning" : "Normal"
        event.count = 1
        event.firstTimestamp = at
        event.lastTimestamp = at
        var source = EventSource()
        source.component = component
        event.source = source
        event.reportingComponent = component
        try await translating("record an Event") {
            _ = try await client.create(event, in: namespace)
        }
    }

    public func removeDeployment(app: String, version: String) async throws {
        let name = Names.deployment(app: app, version: version)
        try await translating("delete Deployment \(name)") {
            try await client.delete(Deployment.self, name, in: namespace, options: DeleteOptions(propagationPolicy: .background))
        }
    }

    public func deleteDeployment(app: String, version: String, uid: String, resourceVersion: String) async throws {
        let name = Names.deployment(app: app, version: version)
        try await translating("delete Deployment \(name)") {
            try await client.delete(
                Deployment.self, name, in: namespace,
                options: DeleteOptions(propagationPolicy: .background, preconditions: .init(uid: uid, resourceVersion: resourceVersion)))
        }
    }

    public func podAddresses(app: String, version: String) async throws -> [String] {
        try await translating("list the pods of \(app) \(version)") {
            let selector = "\(Names.nameLabel)=\(app),\(Names.versionLabel)=\(version)"
            return try await client.list(Pod.self, in: namespace, labelSelector: selector).items
                .filter { pod in pod.status.conditions.contains { $0.type == "Ready" && $0.status == "True" } }
                .compactMap { $0.status.podIP }
                .sorted()
        }
    }

    // MARK: - Helpers

    private func requireManifests() throws -> ManifestSet {
        guard let manifests else { throw ClusterError(.other, "internal error: this operation needs the templates") }
        return manifests
    }

    /// `nil` for NotFound.
    private func optional<T: Sendable>(_ body: () async throws -> T) async throws -> T? {
        do {
            return try await body()
        } catch let error as KubeError where error.isNotFound {
            return nil
        }
    }

    private static func eventSuffix(_ date: Date) -> String {
        String(UInt64(date.timeIntervalSince1970 * 1_000_000_000), radix: 16) + String(UInt32.random(in: 0...UInt32.max), radix: 16)
    }

    /// Runs a cluster call, classifying its errors for the engine.
    private func translating<T: Sendable>(_ what: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as KubeError {
            throw Self.classify(error, while: what)
        } catch let error as InputError {
            throw ClusterError(.invalid, error.message)
        }
    }

    /// Classifies a KubeKit error for the engine, with a message that says what was being done.
    public static func classify(_ error: KubeError, while what: String) -> ClusterError {
        let server = error.message.isEmpty ? "HTTP \(error.code)" : error.message
        switch error.reason {
        case .alreadyExists: return ClusterError(.alreadyExists, server)
        case .conflict: return ClusterError(.conflict, server)
        case .notFound: return ClusterError(.notFound, "cannot \(what): \(server)")
        case .unauthorized:
            return ClusterError(
                .unauthorized,
                "the cluster refused the pipeline's credentials while trying to \(what) (401 Unauthorized); check the kubeconfig user, or for EKS the IAM identity's access entry (or aws-auth mapping) and the clock")
        case .forbidden:
            return ClusterError(.forbidden, "the pipeline is not allowed to \(what): \(server); grant it the RBAC permission named there")
        case .invalid: return ClusterError(.invalid, "cannot \(what): \(server)")
        default:
            return ClusterError(error.code >= 500 || error.code == 429 ? .unavailable : .other, "cannot \(what): \(error)")
        }
    }
}
