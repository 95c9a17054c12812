/// The options of a delete (query parameters or a `DeleteOptions` body).
struct DeleteOptions: Sendable {
    enum Propagation: String, Sendable {
        case orphan = "Orphan", background = "Background", foreground = "Foreground"
    }

    var propagation: Propagation?
    var gracePeriodSeconds: Int?
    var preconditionUID: String?
    var preconditionResourceVersion: String?
    var dryRun = false

    /// Reads a `DeleteOptions` body and lets query parameters fill what it leaves out.
    static func parse(body: JSON?, query: [String: String]) throws -> DeleteOptions {
        var options = DeleteOptions()
        let policy = body?["propagationPolicy"].stringValue ?? query["propagationPolicy"]
        if let policy {
            guard let parsed = Propagation(rawValue: policy) else {
                throw APIError.badRequest("DeleteOptions.meta.k8s.io \"\" is invalid: propagationPolicy: Unsupported value: \"\(policy)\": supported values: \"Foreground\", \"Background\", \"Orphan\"")
            }
            options.propagation = parsed
        } else if let orphan = body?["orphanDependents"].boolValue ?? query["orphanDependents"].map({ $0 == "true" }) {
            options.propagation = orphan ? .orphan : .background
        }
        options.gracePeriodSeconds = body?["gracePeriodSeconds"].intValue ?? query["gracePeriodSeconds"].flatMap { Int($0) }
        options.preconditionUID = body?.value(at: ["preconditions", "uid"])?.stringValue
        options.preconditionResourceVersion = body?.value(at: ["preconditions", "resourceVersion"])?.stringValue
        let dryRun = (body?["dryRun"].arrayValue?.compactMap(\.stringValue) ?? []) + (query["dryRun"].map { [$0] } ?? [])
        options.dryRun = dryRun.contains("All")
        return options
    }
}
