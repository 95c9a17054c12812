/// apps/v1 Deployment: a replicated, rolling-updated set of pods.
public struct Deployment: KubernetesResource {
    /// Where this kind lives in the API.
    public static let apiResource = APIResource.deployments

    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// A new Deployment.
    public init(name: String, namespace: String? = nil, labels: [String: String] = [:], annotations: [String: String] = [:], spec: DeploymentSpec) {
        self.init(metadata: ObjectMeta(name: name, namespace: namespace, labels: labels, annotations: annotations))
        self.spec = spec
    }

    /// The desired state.
    public var spec: DeploymentSpec {
        get { self[nested: "spec"] }
        set { self[nested: "spec"] = newValue }
    }

    /// The observed state, written by the deployment controller.
    public var status: DeploymentStatus {
        get { self[nested: "status"] }
        set { self[nested: "status"] = newValue }
    }
}
