/// A container of a pod.
public struct Container: JSONObjectModel {
    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// The container's name, unique in the pod.
    public var name: String? {
        get { self[field: "name"] }
        set { self[field: "name"] = newValue }
    }

    /// The image reference.
    public var image: String? {
        get { self[field: "image"] }
        set { self[field: "image"] = newValue }
    }

    /// `Always`, `IfNotPresent` or `Never`.
    public var imagePullPolicy: String? {
        get { self[field: "imagePullPolicy"] }
        set { self[field: "imagePullPolicy"] = newValue }
    }

    /// The entrypoint, replacing the image's.
    public var command: [String] {
        get { self[list: "command"] }
        set { self[list: "command"] = newValue }
    }

    /// Arguments to the entrypoint.
    public var args: [String] {
        get { self[list: "args"] }
        set { self[list: "args"] = newValue }
    }

    /// The working directory.
    public var workingDir: String? {
        get { self[field: "workingDir"] }
        set { self[field: "workingDir"] = newValue }
    }

    /// Ports the container exposes.
    public var ports: [ContainerPort] {
        get { self[list: "ports"] }
        set { self[list: "ports"] = newValue }
    }

    /// Environment variables.
    public var env: [EnvVar] {
        get { self[list: "env"] }
        set { self[list: "env"] = newValue }
    }

    /// Sources of environment variables (ConfigMaps, Secrets).
    public var envFrom: [JSONValue] {
        get { self[list: "envFrom"] }
        set { self[list: "envFrom"] = newValue }
    }

    /// CPU and memory requests and limits.
    public var resources: ResourceRequirements {
        get { self[nested: "resources"] }
        set { self[nested: "resources"] = newValue }
    }

    /// Volumes mounted into the container.
    public var volumeMounts: [JSONValue] {
        get { self[list: "volumeMounts"] }
        set { self[list: "volumeMounts"] = newValue }
    }

    /// When to restart the container.
    public var livenessProbe: JSONValue? {
        get { self[field: "livenessProbe"] }
        set { self[field: "livenessProbe"] = newValue }
    }

    /// When the container is ready for traffic.
    public var readinessProbe: JSONValue? {
        get { self[field: "readinessProbe"] }
        set { self[field: "readinessProbe"] = newValue }
    }

    /// When the container has started.
    public var startupProbe: JSONValue? {
        get { self[field: "startupProbe"] }
        set { self[field: "startupProbe"] = newValue }
    }

    /// Hooks run after start and before stop.
    public var lifecycle: JSONValue? {
        get { self[field: "lifecycle"] }
        set { self[field: "lifecycle"] = newValue }
    }

    /// Container security settings.
    public var securityContext: JSONValue? {
        get { self[field: "securityContext"] }
        set { self[field: "securityContext"] = newValue }
    }
}

extension Container {
    /// A container running `image`.
    public init(name: String, image: String, ports: [ContainerPort] = [], env: [EnvVar] = []) {
        self.init(object: [:])
        self.name = name
        self.image = image
        self.ports = ports
        self.env = env
    }
}
