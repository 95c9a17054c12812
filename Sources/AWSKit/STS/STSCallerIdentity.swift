/// Who the credentials belong to, as STS GetCallerIdentity says.
public struct STSCallerIdentity: Sendable, Hashable, Codable {
    /// The 12-digit account id.
    public var account: String
    /// The ARN of the user or assumed role.
    public var arn: String
    /// The unique id of the user or role session.
    public var userID: String

    /// Creates an identity.
    public init(account: String, arn: String, userID: String) {
        self.account = account
        self.arn = arn
        self.userID = userID
    }
}
