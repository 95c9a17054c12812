import Foundation

/// One answered request, as kept in ``Sandbox/requestLog``.
public struct RequestRecord: Sendable, Equatable, Codable {
    /// When the request arrived.
    public var time: Date
    /// The HTTP method.
    public var method: String
    /// The path, without the query.
    public var path: String
    /// The query parameters.
    public var query: [String: String]
    /// The Kubernetes verb (`get`, `list`, `watch`, `create`, `update`, `patch`, `delete`, `deletecollection`),
    /// or the lower-cased method for non-resource paths.
    public var verb: String
    /// The status answered.
    public var status: Int
    /// The authenticated user (`system:anonymous` when none).
    public var user: String
    /// The injected fault, when one was (`status 503`, `conflict`, `drop`, `watch-close`).
    public var fault: String?
}
