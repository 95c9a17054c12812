/// One simulated node: its name, allocatable CPU, memory and pod count, and extra labels.
public struct NodeSpec: Sendable, Equatable {
    /// The node's name.
    public var name: String
    /// Allocatable CPU as a quantity (`"4"`, `"3500m"`).
    public var cpu: String
    /// Allocatable memory as a quantity (`"8Gi"`).
    public var memory: String
    /// How many pods fit.
    public var pods: Int
    /// Labels besides the standard `kubernetes.io/hostname`, `kubernetes.io/os` and `kubernetes.io/arch`.
    public var labels: [String: String]

    /// Creates a node description.
    public init(name: String, cpu: String = "4", memory: String = "8Gi", pods: Int = 110, labels: [String: String] = [:]) {
        self.name = name
        self.cpu = cpu
        self.memory = memory
        self.pods = pods
        self.labels = labels
    }
}
