/// The result of assuming a role: temporary credentials and the session's identity.
public struct STSAssumedRole: Sendable, Hashable {
    /// The temporary credentials (with a session token and an expiry).
    public var credentials: AWSCredentials
    /// The ARN of the role session (`arn:aws:sts::123456789012:assumed-role/role/session`).
    public var assumedRoleARN: String?
    /// The role session's unique id.
    public var assumedRoleID: String?

    /// Creates a result.
    public init(credentials: AWSCredentials, assumedRoleARN: String?, assumedRoleID: String?) {
        self.credentials = credentials
        self.assumedRoleARN = assumedRoleARN
        self.assumedRoleID = assumedRoleID
    }
}
