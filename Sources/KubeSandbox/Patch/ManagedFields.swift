import Foundation

/// `metadata.managedFields`: which manager set which fields, with which operation. Updates
/// (`PUT`, non-apply patches) take over the fields they change; an apply owns exactly the fields
/// of its configuration.
enum ManagedFields {
    enum Operation: String, Sendable {
        case apply = "Apply", update = "Update"
    }

    struct Entry {
        var manager: String
        var operation: Operation
        var apiVersion: String
        var time: String
        var subresource: String?
        var fields: FieldSet

        var json: JSON {
            var object = JSONObject()
            object["manager"] = .string(manager)
            object["operation"] = .string(operation.rawValue)
            object["apiVersion"] = .string(apiVersion)
            object["time"] = .string(time)
            object["fieldsType"] = "FieldsV1"
            object["fieldsV1"] = fields.tree
            if let subresource { object["subresource"] = .string(subresource) }
            return .object(object)
        }

        init(manager: String, operation: Operation, apiVersion: String, time: String, subresource: String?, fields: FieldSet) {
            self.manager = manager
            self.operation = operation
            self.apiVersion = apiVersion
            self.time = time
            self.subresource = subresource
            self.fields = fields
        }

        init?(_ json: JSON) {
            guard let manager = json["manager"].stringValue, let operation = Operation(rawValue: json["operation"].stringValue ?? "") else { return nil }
            self.manager = manager
            self.operation = operation
            apiVersion = json["apiVersion"].stringValue ?? ""
            time = json["time"].stringValue ?? ""
            subresource = json["subresource"].stringValue
            fields = FieldSet.from(tree: json["fieldsV1"])
        }
    }

    static func entries(of object: JSON) -> [Entry] {
        (object.value(at: ["metadata", "managedFields"])?.arrayValue ?? []).compactMap(Entry.init)
    }

    static func store(_ entries: [Entry], on object: inout JSON) {
        let kept = entries.filter { !$0.fields.isEmpty }
        object.setValue(kept.isEmpty ? nil : .array(kept.map(\.json)), at: ["metadata", "managedFields"])
    }

    /// Records an update: the manager takes over every field whose value it changed or added;
    /// fields it removed are released by everyone.
    static func recordUpdate(on object: inout JSON, old: JSON?, manager: String, apiVersion: String, time: Date, subresource: String?) {
        var entries = old.map(entries(of:)) ?? []
        if old != nil, let sent = object.value(at: ["metadata", "managedFields"]), let previous = old?.value(at: ["metadata", "managedFields"]),
           !sent.semanticallyEquals(previous) {
            // A client that rewrites managedFields (kubectl's client-side-apply upgrade) gets them.
            entries = (sent.arrayValue ?? []).compactMap(Entry.init)
        }
        let statusOnly = subresource == "status"
        let newFields = FieldSet.of(object, statusOnly: statusOnly)
        let oldFields = old.map { FieldSet.of($0, statusOnly: statusOnly) } ?? FieldSet()
        var changed = Set<[String]>()
        for path in newFields.paths {
            let before = old.flatMap { FieldSet.value(at: path, in: $0) }
            let after = FieldSet.value(at: path, in: object)
            if before == nil || !(before!.semanticallyEquals(after ?? .null)) { changed.insert(path) }
        }
        let removed = oldFields.paths.subtracting(newFields.paths)
        for index in entries.indices {
            entries[index].fields.paths.subtract(removed)
            if entries[index].manager != manager || entries[index].operation != .update {
                entries[index].fields.paths.subtract(changed)
            }
        }
        if !changed.isEmpty {
            let stamp = Timestamp.format(time)
            if let index = entries.firstIndex(where: { $0.manager == manager && $0.operation == .update && $0.subresource == subresource }) {
                entries[index].fields.paths.formUnion(changed)
                entries[index].time = stamp
                entries[index].apiVersion = apiVersion
            } else {
                entries.append(Entry(manager: manager, operation: .update, apiVersion: apiVersion, time: stamp, subresource: subresource,
                                     fields: FieldSet(paths: changed)))
            }
        }
        store(entries, on: &object)
    }
}
