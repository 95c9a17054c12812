/// The query parameters of a list or watch.
struct ListOptions: Sendable {
    var labelSelector: LabelSelector = .everything
    var fieldSelector: FieldSelector = .everything
    var limit: Int?
    var continueToken: String?
    var resourceVersion: String?
    var resourceVersionMatch: String?
    var allowWatchBookmarks = false
    var sendInitialEvents: Bool?
    var timeoutSeconds: Int?

    func matches(_ object: JSON) -> Bool {
        labelSelector.matches(object: object) && fieldSelector.matches(object)
    }
}
