/// A field selector (`metadata.name=web,status.phase!=Running`) over the fields the real server
/// indexes for each resource.
struct FieldSelector: Sendable, Equatable {
    struct Requirement: Sendable, Equatable {
        var path: [String]
        var value: String
        var negated: Bool
    }

    var requirements: [Requirement]

    static let everything = FieldSelector(requirements: [])

    var isEverything: Bool { requirements.isEmpty }

    /// The fields each resource supports besides `metadata.name` and `metadata.namespace`.
    private static let extraFields: [String: Set<String>] = [
        "pods": ["status.phase", "spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName",
                 "status.podIP", "status.nominatedNodeName", "spec.hostNetwork"],
        "events": ["involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
                   "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason",
                   "reportingComponent", "source", "type"],
        "nodes": ["spec.unschedulable"],
        "namespaces": ["status.phase"],
        "secrets": ["type"],
        "replicasets": ["status.replicas"],
    ]

    /// Parses the selector for a resource.
    /// - Throws: ``APIError`` 400 `field label not supported: X` for an unindexed field.
    static func parse(_ text: String, for type: ResourceType) throws -> FieldSelector {
        var parser = SelectorParser(text)
        var requirements: [Requirement] = []
        parser.skipSpaces()
        if parser.atEnd { return .everything }
        let allowed = (extraFields[type.resource] ?? []).union(["metadata.name", "metadata.namespace"])
        while true {
            parser.skipSpaces()
            let field = parser.identifier()
            let negated: Bool
            if parser.consume("!=") {
                negated = true
            } else if parser.consume("==") || parser.consume("=") {
                negated = false
            } else {
                throw APIError.badRequest("invalid selector: '\(text)'; can't understand '\(parser.rest)'")
            }
            let value = parser.fieldValue()
            guard allowed.contains(field) else {
                throw APIError.badRequest("field label not supported: \(field)")
            }
            requirements.append(Requirement(path: field.split(separator: ".").map(String.init), value: value, negated: negated))
            if parser.atEnd { break }
            _ = parser.consume(",")
        }
        return FieldSelector(requirements: requirements)
    }

    func matches(_ object: JSON) -> Bool {
        requirements.allSatisfy { requirement in
            let actual: String
            switch object.value(at: requirement.path) {
            case .string(let text)?: actual = text
            case .bool(let flag)?: actual = flag ? "true" : "false"
            case .number(let text)?: actual = text
            default: actual = requirement.path == ["spec", "unschedulable"] || requirement.path == ["spec", "hostNetwork"] ? "false" : ""
            }
            return (actual == requirement.value) != requirement.negated
        }
    }

    /// The object name this selector pins (`metadata.name=x`), used by kubectl's single-object watches.
    var pinnedName: String? {
        requirements.first { $0.path == ["metadata", "name"] && !$0.negated }?.value
    }
}
