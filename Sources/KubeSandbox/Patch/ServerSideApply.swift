import Foundation

/// Server-side apply (`application/apply-patch+yaml`), with a simplified ownership model:
/// the applier owns exactly the leaf fields of its configuration; a field owned by another
/// manager with a different value is a conflict unless `force=true`; fields the applier owned
/// before and left out now are removed unless someone else owns them. Lists use the merge keys
/// of ``PatchSchema``; everything else is atomic.
enum ServerSideApply {
    struct Conflict {
        var manager: String
        var apiVersion: String
        var path: [String]
    }

    /// The merged object, with `managedFields` updated.
    static func apply(_ config: JSON, to live: JSON, manager: String, apiVersion: String, force: Bool, time: Date,
                      type: ResourceType, name: String) throws -> JSON {
        let applied = FieldSet.of(config)
        var entries = ManagedFields.entries(of: live)
        var conflicts: [Conflict] = []
        for path in applied.paths.sorted(by: { $0.lexicographicallyPrecedes($1) }) where path.last != "." {
            let wanted = FieldSet.value(at: path, in: config)
            let current = FieldSet.value(at: path, in: live)
            if let wanted, let current, wanted.semanticallyEquals(current) { continue }
            for entry in entries where entry.manager != manager && entry.subresource == nil && entry.fields.paths.contains(path) {
                conflicts.append(Conflict(manager: entry.manager, apiVersion: entry.apiVersion, path: path))
            }
        }
        if !conflicts.isEmpty, !force { throw conflictError(conflicts, type: type, name: name) }
        // The applier takes the fields it sets; with force, from whoever had them.
        for index in entries.indices where entries[index].manager != manager {
            let contested = entries[index].fields.paths.intersection(applied.paths).filter { path in
                let wanted = FieldSet.value(at: path, in: config)
                let current = FieldSet.value(at: path, in: live)
                return !(wanted.map { w in current.map { w.semanticallyEquals($0) } ?? false } ?? false)
            }
            entries[index].fields.paths.subtract(contested)
        }
        var merged = live
        let previous = entries.first { $0.manager == manager && $0.operation == .apply && $0.subresource == nil }?.fields ?? FieldSet()
        let othersOwn = entries.filter { $0.manager != manager || $0.operation != .apply }.reduce(into: Set<[String]>()) { $0.formUnion($1.fields.paths) }
        for path in previous.paths.subtracting(applied.paths).sorted(by: { $0.count > $1.count }) where !othersOwn.contains(path) {
            FieldSet.remove(path.last == "." ? Array(path.dropLast()) : path, from: &merged)
        }
        var configWithoutMeta = config
        configWithoutMeta.setValue(nil, at: ["metadata", "managedFields"])
        configWithoutMeta.setValue(nil, at: ["metadata", "resourceVersion"])
        merged = try StrategicMergePatch.merge(merged, configWithoutMeta, path: [])
        entries.removeAll { $0.manager == manager && $0.operation == .apply && $0.subresource == nil }
        entries.append(ManagedFields.Entry(manager: manager, operation: .apply, apiVersion: apiVersion, time: Timestamp.format(time),
                                           subresource: nil, fields: applied))
        ManagedFields.store(entries, on: &merged)
        return merged
    }

    static func conflictError(_ conflicts: [Conflict], type: ResourceType, name: String) -> APIError {
        let message: String
        if conflicts.count == 1, let conflict = conflicts.first {
            message = "Apply failed with 1 conflict: conflict with \"\(conflict.manager)\" using \(conflict.apiVersion): \(FieldSet.describe(conflict.path))"
        } else {
            var grouped: [(String, [Conflict])] = []
            for conflict in conflicts {
                if let index = grouped.firstIndex(where: { $0.0 == conflict.manager }) { grouped[index].1.append(conflict) } else { grouped.append((conflict.manager, [conflict])) }
            }
            let parts = grouped.map { manager, items -> String in
                if items.count == 1 {
                    return "conflict with \"\(manager)\" using \(items[0].apiVersion): \(FieldSet.describe(items[0].path))"
                }
                return "conflicts with \"\(manager)\" using \(items[0].apiVersion):\n" + items.map { "- \(FieldSet.describe($0.path))" }.joined(separator: "\n")
            }
            message = "Apply failed with \(conflicts.count) conflicts: " + parts.joined(separator: "\n")
        }
        var error = APIError(code: 409, reason: "Conflict", message: message, name: name, group: type.group, kind: type.kind)
        error.causes = conflicts.map {
            APIError.Cause(reason: "FieldManagerConflict", message: "conflict with \"\($0.manager)\" using \($0.apiVersion)", field: FieldSet.describe($0.path))
        }
        return error
    }
}
