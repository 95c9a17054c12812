import Foundation

/// What the engine observed of one app on the cluster: its versions, its Service, the nodes.
/// The state machines decide from this alone; reading it is the driver's job.
public struct ClusterSnapshot: Sendable, Equatable {
    public var versions: [VersionState]
    /// `nil` until the first deploy creates the Service.
    public var service: ServiceState?
    public var nodes: [NodeState]

    public init(versions: [VersionState] = [], service: ServiceState? = nil, nodes: [NodeState] = []) {
        self.versions = versions
        self.service = service
        self.nodes = nodes
    }

    public func version(_ version: String) -> VersionState? { versions.first { $0.version == version } }

    /// The version the Service selects, if any.
    public var activeVersion: String? { service?.activeVersion }
}

/// One version of the app: a Deployment `<app>-<version>` and its rollout state.
public struct VersionState: Sendable, Equatable {
    public var version: String
    public var deploymentName: String
    /// The first container's image, as the Deployment names it.
    public var image: String
    public var desiredReplicas: Int
    public var readyReplicas: Int
    public var availableReplicas: Int
    public var updatedReplicas: Int
    /// Pods of older ReplicaSets still counted in `status.replicas`.
    public var totalReplicas: Int
    public var generation: Int
    public var observedGeneration: Int
    public var created: Date
    public var uid: String
    public var resourceVersion: String
    /// True when the Deployment reported ProgressDeadlineExceeded.
    public var progressDeadlineExceeded: Bool
    /// What each of its pods requests (for the `resources` capacity policy).
    public var podRequests: Resources

    public init(
        version: String, deploymentName: String, image: String, desiredReplicas: Int, readyReplicas: Int = 0,
        availableReplicas: Int = 0, updatedReplicas: Int = 0, totalReplicas: Int = 0, generation: Int = 1,
        observedGeneration: Int = 1, created: Date = Date(timeIntervalSince1970: 0), uid: String = "",
        resourceVersion: String = "", progressDeadlineExceeded: Bool = false, podRequests: Resources = .zero
    ) {
        self.version = version
        self.deploymentName = deploymentName
        self.image = image
        self.desiredReplicas = desiredReplicas
        self.readyReplicas = readyReplicas
        self.availableReplicas = availableReplicas
        self.updatedReplicas = updatedReplicas
        self.totalReplicas = totalReplicas
        self.generation = generation
        self.observedGeneration = observedGeneration
        self.created = created
        self.uid = uid
        self.resourceVersion = resourceVersion
        self.progressDeadlineExceeded = progressDeadlineExceeded
        self.podRequests = podRequests
    }

    /// Ready to take traffic: the controller has seen the latest spec, every desired replica is
    /// updated and available, and none is left over from an older template (the rules of
    /// `kubectl rollout status`). A version scaled to zero is never ready to serve.
    public var isReady: Bool {
        desiredReplicas > 0 && observedGeneration >= generation && updatedReplicas >= desiredReplicas
            && availableReplicas >= desiredReplicas && totalReplicas <= updatedReplicas
    }
}

/// The app's Service: which version it selects, and the switch history kept in its annotations.
public struct ServiceState: Sendable, Equatable {
    public var name: String
    /// The `app.kubernetes.io/version` value of its selector; `nil` if it selects none.
    public var activeVersion: String?
    public var resourceVersion: String
    public var history: SwitchHistory

    public init(name: String, activeVersion: String?, resourceVersion: String, history: SwitchHistory = SwitchHistory()) {
        self.name = name
        self.activeVersion = activeVersion
        self.resourceVersion = resourceVersion
        self.history = history
    }
}

/// A node's capacity as the scheduler sees it.
public struct NodeState: Sendable, Equatable {
    public var name: String
    public var ready: Bool
    /// False when cordoned (`spec.unschedulable`) or tainted NoSchedule/NoExecute.
    public var schedulable: Bool
    public var allocatable: Resources
    /// The sum of the requests of the non-terminated pods bound to it.
    public var requested: Resources
    public var allocatablePods: Int
    public var podCount: Int

    public init(name: String, ready: Bool = true, schedulable: Bool = true, allocatable: Resources, requested: Resources = .zero, allocatablePods: Int = 110, podCount: Int = 0) {
        self.name = name
        self.ready = ready
        self.schedulable = schedulable
        self.allocatable = allocatable
        self.requested = requested
        self.allocatablePods = allocatablePods
        self.podCount = podCount
    }

    /// Takes part in scheduling.
    public var usable: Bool { ready && schedulable }
}

/// CPU and memory, in millicores and bytes.
public struct Resources: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var milliCPU: Int64
    public var memoryBytes: Int64

    public init(milliCPU: Int64, memoryBytes: Int64) {
        self.milliCPU = milliCPU
        self.memoryBytes = memoryBytes
    }

    public static let zero = Resources(milliCPU: 0, memoryBytes: 0)

    public static func + (lhs: Resources, rhs: Resources) -> Resources {
        Resources(milliCPU: lhs.milliCPU + rhs.milliCPU, memoryBytes: lhs.memoryBytes + rhs.memoryBytes)
    }

    public static func - (lhs: Resources, rhs: Resources) -> Resources {
        Resources(milliCPU: lhs.milliCPU - rhs.milliCPU, memoryBytes: lhs.memoryBytes - rhs.memoryBytes)
    }

    public static func * (lhs: Resources, rhs: Int) -> Resources {
        Resources(milliCPU: lhs.milliCPU * Int64(rhs), memoryBytes: lhs.memoryBytes * Int64(rhs))
    }

    /// Whether `other` fits inside these resources.
    public func fits(_ other: Resources) -> Bool { other.milliCPU <= milliCPU && other.memoryBytes <= memoryBytes }

    public var description: String {
        let cpu = milliCPU % 1000 == 0 ? "\(milliCPU / 1000)" : "\(milliCPU)m"
        let mib = Double(memoryBytes) / 1_048_576
        let memory = mib >= 1024 ? String(format: "%.1fGi", mib / 1024) : String(format: "%.0fMi", mib)
        return "cpu \(cpu), memory \(memory)"
    }
}
