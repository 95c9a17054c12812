/// What a finished deploy did.
public struct DeployResult: Sendable, Equatable {
    public enum Status: String, Sendable, Equatable {
        /// The Service now selects the new version.
        case switched
        /// The new version is ready; the Service was left alone (`--no-switch`).
        case ready
        /// The version was already deployed and active; nothing changed.
        case unchanged
        /// A dry run: ``DeployResult/plan`` says what would happen.
        case planned
    }

    public var status: Status
    public var app: String
    public var version: String
    public var namespace: String
    public var image: String
    /// The version the Service selected before; `nil` on the first deploy.
    public var previousVersion: String?
    /// The version the Service selects now (or would, for a dry run).
    public var activeVersion: String?
    /// The steps taken or, for a dry run, planned, in order.
    public var plan: [String]

    public init(status: Status, app: String, version: String, namespace: String, image: String, previousVersion: String?, activeVersion: String?, plan: [String]) {
        self.status = status
        self.app = app
        self.version = version
        self.namespace = namespace
        self.image = image
        self.previousVersion = previousVersion
        self.activeVersion = activeVersion
        self.plan = plan
    }
}
