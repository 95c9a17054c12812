/// An API failure, answered to the client as a `meta/v1 Status` exactly as the real API server
/// words it (kubectl prints these messages, so they must read the same).
struct APIError: Error, Sendable {
    /// One entry of `details.causes`.
    struct Cause: Sendable {
        var reason: String
        var message: String
        var field: String?
    }

    var code: Int
    var reason: String
    var message: String
    var name: String?
    var group: String?
    var kind: String?
    var causes: [Cause] = []
    var retryAfterSeconds: Int?

    /// The `Status` document.
    var status: JSON {
        var object = JSONObject()
        object["kind"] = "Status"
        object["apiVersion"] = "v1"
        object["metadata"] = .object(JSONObject())
        object["status"] = "Failure"
        object["message"] = .string(message)
        object["reason"] = .string(reason)
        var details = JSONObject()
        if let name { details["name"] = .string(name) }
        if let group { details["group"] = .string(group) }
        if let kind { details["kind"] = .string(kind) }
        if !causes.isEmpty {
            details["causes"] = .array(causes.map { cause in
                var entry = JSONObject()
                entry["reason"] = .string(cause.reason)
                entry["message"] = .string(cause.message)
                if let field = cause.field { entry["field"] = .string(field) }
                return .object(entry)
            })
        }
        if let retryAfterSeconds { details["retryAfterSeconds"] = .int(retryAfterSeconds) }
        if !details.isEmpty { object["details"] = .object(details) }
        object["code"] = .int(code)
        return .object(object)
    }

    static func notFound(_ type: ResourceType, _ name: String) -> APIError {
        APIError(code: 404, reason: "NotFound", message: "\(type.qualifiedResource) \"\(name)\" not found",
                 name: name, group: type.group, kind: type.resource)
    }

    static func namespaceNotFound(_ name: String) -> APIError {
        notFound(ResourceCatalog.namespaces, name)
    }

    static func alreadyExists(_ type: ResourceType, _ name: String) -> APIError {
        APIError(code: 409, reason: "AlreadyExists", message: "\(type.qualifiedResource) \"\(name)\" already exists",
                 name: name, group: type.group, kind: type.resource)
    }

    static func conflict(_ type: ResourceType, _ name: String, _ detail: String) -> APIError {
        APIError(code: 409, reason: "Conflict", message: "Operation cannot be fulfilled on \(type.qualifiedResource) \"\(name)\": \(detail)",
                 name: name, group: type.group, kind: type.resource)
    }

    static func modified(_ type: ResourceType, _ name: String) -> APIError {
        conflict(type, name, "the object has been modified; please apply your changes to the latest version and try again")
    }

    static func invalid(_ type: ResourceType, _ name: String, _ causes: [Cause]) -> APIError {
        let qualifiedKind = type.group.isEmpty ? type.kind : "\(type.kind).\(type.group)"
        let list = causes.map { cause in cause.field.map { "\($0): \(cause.message)" } ?? cause.message }
        let summary = list.count == 1 ? list[0] : "[" + list.joined(separator: ", ") + "]"
        return APIError(code: 422, reason: "Invalid", message: "\(qualifiedKind) \"\(name)\" is invalid: \(summary)",
                        name: name, group: type.group, kind: type.kind, causes: causes)
    }

    static func required(_ field: String) -> Cause {
        Cause(reason: "FieldValueRequired", message: "Required value", field: field)
    }

    static func invalidValue(_ field: String, _ value: String, _ detail: String) -> Cause {
        Cause(reason: "FieldValueInvalid", message: "Invalid value: \(value): \(detail)", field: field)
    }

    static func badRequest(_ message: String) -> APIError {
        APIError(code: 400, reason: "BadRequest", message: message)
    }

    static func methodNotAllowed() -> APIError {
        APIError(code: 405, reason: "MethodNotAllowed", message: "the server does not allow this method on the requested resource")
    }

    static func pathNotFound() -> APIError {
        APIError(code: 404, reason: "NotFound", message: "the server could not find the requested resource")
    }

    static func unauthorized() -> APIError {
        APIError(code: 401, reason: "Unauthorized", message: "Unauthorized")
    }

    static func gone(_ message: String) -> APIError {
        APIError(code: 410, reason: "Expired", message: message)
    }

    static func unsupportedMediaType(_ contentType: String) -> APIError {
        APIError(code: 415, reason: "UnsupportedMediaType", message: "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json (got \(contentType))")
    }

    static func internalError(_ message: String) -> APIError {
        APIError(code: 500, reason: "InternalError", message: "Internal error occurred: \(message)",
                 causes: [Cause(reason: "", message: message, field: nil)])
    }

    static func serviceUnavailable() -> APIError {
        APIError(code: 503, reason: "ServiceUnavailable", message: "the server is currently unable to handle the request")
    }

    static func tooManyRequests(retryAfter: Int) -> APIError {
        APIError(code: 429, reason: "TooManyRequests", message: "Too many requests, please try again later.", retryAfterSeconds: retryAfter)
    }
}
