/// A kubeconfig user's `exec` section: a credential plugin (such as `aws eks get-token`) that
/// prints an `ExecCredential` with a bearer token.
public struct ExecConfiguration: Sendable, Hashable {
    /// `client.authentication.k8s.io/v1` or `client.authentication.k8s.io/v1beta1`.
    public var apiVersion: String
    /// The program: a name looked up on `PATH`, or a path (relative paths are resolved against
    /// the kubeconfig's folder).
    public var command: String
    /// Its arguments.
    public var args: [String]
    /// Variables added to the inherited environment, in order.
    public var env: [EnvironmentVariable]
    /// Shown when the program cannot be found, to say how to install it.
    public var installHint: String?
    /// Whether the plugin gets the cluster's details in `KUBERNETES_EXEC_INFO`.
    public var provideClusterInfo: Bool
    /// Whether the plugin may read standard input (prompt the user).
    public var interactiveMode: InteractiveMode

    /// An exec plugin configuration.
    public init(
        apiVersion: String = ExecConfiguration.v1,
        command: String,
        args: [String] = [],
        env: [EnvironmentVariable] = [],
        installHint: String? = nil,
        provideClusterInfo: Bool = false,
        interactiveMode: InteractiveMode = .never
    ) {
        self.apiVersion = apiVersion
        self.command = command
        self.args = args
        self.env = env
        self.installHint = installHint
        self.provideClusterInfo = provideClusterInfo
        self.interactiveMode = interactiveMode
    }

    /// `client.authentication.k8s.io/v1`.
    public static let v1 = "client.authentication.k8s.io/v1"
    /// `client.authentication.k8s.io/v1beta1`.
    public static let v1beta1 = "client.authentication.k8s.io/v1beta1"

    /// One `env` entry.
    public struct EnvironmentVariable: Sendable, Hashable {
        /// The variable's name.
        public var name: String
        /// Its value.
        public var value: String
        /// A variable.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Whether a plugin may interact with the user through standard input.
    public struct InteractiveMode: RawRepresentable, Sendable, Hashable {
        /// `Never`, `IfAvailable` or `Always`.
        public var rawValue: String
        /// A mode from its kubeconfig spelling.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The plugin never gets standard input.
        public static let never = InteractiveMode(rawValue: "Never")
        /// The plugin gets standard input when it is a terminal.
        public static let ifAvailable = InteractiveMode(rawValue: "IfAvailable")
        /// The plugin needs a terminal; without one, authentication fails.
        public static let always = InteractiveMode(rawValue: "Always")
    }
}
