import Foundation

/// How a ``Sandbox`` is set up. Every setting has a default that suits tests: plain HTTP on a
/// free loopback port, three nodes, pods ready 200 ms after they are scheduled, no faults.
public struct SandboxConfiguration: Sendable {
    /// The address to listen on.
    public var host: String = "127.0.0.1"
    /// The port; 0 picks a free one (read it from ``Sandbox/port``).
    public var port: Int = 0
    /// Serve HTTPS with a fresh CA and serving certificate (SANs 127.0.0.1 and localhost), and
    /// accept a client-certificate user and a bearer-token user. Anonymous requests are then
    /// answered 401, except `/healthz`, `/livez`, `/readyz` and `/version`.
    public var tls: Bool = false
    /// The token the token user presents. With TLS one is generated when nil; without TLS
    /// tokens are checked only when one is set (or ``Sandbox/setAcceptedTokens(_:)`` is called).
    public var bearerToken: String?
    /// Whether requests without credentials are served. Default: yes over HTTP, no over TLS.
    public var allowAnonymous: Bool?
    /// The simulated nodes.
    public var nodes: [NodeSpec] = SandboxConfiguration.nodes(count: 3, cpu: "4", memory: "8Gi", pods: 110)
    /// How long after binding a pod becomes Running and Ready.
    public var readyAfter: Duration = .milliseconds(200)
    /// Images that fail to pull, crash or never become ready. Default: none.
    public var imageRules: [ImageRule] = []
    /// The period of image-pull and crash back-off cycles.
    public var backOff: Duration = .seconds(1)
    /// How long a deleted pod stays Terminating.
    public var podTerminationDelay: Duration = .zero
    /// Faults to inject from the start (off by default).
    public var faults: FaultConfiguration = .none
    /// Changes kept per resource for watch resumption and consistent pagination; a watch or a
    /// continue token older than that gets 410 Gone.
    public var watchHistoryLimit: Int = 10_000
    /// How often watches that asked for bookmarks get one.
    public var bookmarkInterval: Duration = .seconds(5)
    /// The version `/version` reports (and the kubelet version of the nodes).
    public var kubernetesVersion: String = "v1.31.0"
    /// Objects created at start, after the namespaces and nodes: JSON or YAML documents
    /// (several per string with `---`; `kind: List` is unpacked). Missing namespaces are created.
    public var seedDocuments: [String] = []
    /// Files or directories (their `.yaml`, `.yml` and `.json` files, sorted by name) to seed from.
    public var seedPaths: [String] = []
    /// How many recent requests ``Sandbox/requestLog`` keeps.
    public var requestLogLimit: Int = 10_000

    /// The defaults.
    public init() {}

    /// `count` identical nodes named `sandbox-node-1` … `sandbox-node-N`.
    public static func nodes(count: Int, cpu: String = "4", memory: String = "8Gi", pods: Int = 110) -> [NodeSpec] {
        (0..<max(0, count)).map { NodeSpec(name: "sandbox-node-\($0 + 1)", cpu: cpu, memory: memory, pods: pods) }
    }

    /// The problem with the configuration, if any.
    func validationError() -> String? {
        if !(0...65535).contains(port) { return "port \(port) is out of range; use 0 for a free port or 1-65535" }
        for node in nodes {
            if !ObjectValidation.isSubdomain(node.name) { return "node name '\(node.name)' is not a valid DNS subdomain; use lower-case letters, digits and '-'" }
            if Quantity.parse(node.cpu) == nil { return "node CPU '\(node.cpu)' is not a quantity; use e.g. 4 or 3500m" }
            if Quantity.parse(node.memory) == nil { return "node memory '\(node.memory)' is not a quantity; use e.g. 8Gi" }
            if node.pods < 0 { return "node pod capacity \(node.pods) must not be negative" }
        }
        if Set(nodes.map(\.name)).count != nodes.count { return "node names must be unique" }
        if readyAfter < .zero || backOff <= .zero || podTerminationDelay < .zero { return "durations must not be negative (and backOff must be positive)" }
        if watchHistoryLimit < 1 { return "watchHistoryLimit must be at least 1" }
        if let problem = faults.validationError() { return problem }
        if let token = bearerToken, token.isEmpty || token.contains(where: \.isWhitespace) { return "the bearer token must be non-empty and without spaces" }
        return nil
    }
}
