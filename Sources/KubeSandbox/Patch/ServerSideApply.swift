import Foundation

/// Server-side apply (`application/apply-patch+yaml`), with a simplified ownership model:
/// the applier owns exactly the leaf fields of its configuration; a field owned by another
/// manager with a different value is a conflict unless `force=true`; fields the applier owned
/// before and left out now are removed unless someone else owns them. Lists use the merge keys
/// of ``PatchSchema``; everything else is atomic.
enum ServerSideApply {
    struct Conflict {
        var manager: String
        var operation: ManagedFields.Operation
        var apiVersion: String
        var subresource: String?
        var path: [String]

        /// The manager as the real server prints it: `"kubectl"` for an applier,
        /// `"kubectl-edit" using apps/v1` for an updater.
        var managerText: String {
            var text = "\"\(manager)\""
            if let subresource { text += " with subresource \"\(subresource)\"" }
            if operation == .update { text += " using \(apiVersion)" }
            return text
        }
    }

    /// The merged object, with `managedFields` updated.
    static func apply(
        _ config: JSON, to live: JSON, manager: String, apiVersion: String, force: Bool, time: Date,
        type: ResourceType, name: String
    ) throws -> JSON {
        let applied = FieldSet.of(config)
        var entries = ManagedFields.entries(of: live)
        // Every entry but the applier's own apply is another manager, including the same name's
        // updates (managers are told apart by name and operation, as in structured-merge-diff).
        func isOwnApply(_ entry: ManagedFields.Entry) -> Bool {
            entry.manager == manager && entry.operation == .apply && entry.subresource == nil
        }
        var conflicts: [Conflict] = []
        for path in applied.paths.sorted(by: { $0.lexicographicallyPrecedes($1) }) where path.last != "." {
            let wanted = FieldSet.value(at: path, in: config)
            let current = FieldSet.value(at: path, in: live)
            if let wanted, let current, wanted.semanticallyEquals(current) { continue }
            for entry in entries where !isOwnApply(entry) && entry.subresource == nil && entry.fields.paths.contains(path) {
                conflicts.append(
                    Conflict(
                        manager: entry.manager, operation: entry.operation, apiVersion: entry.apiVersion,
                        subresource: entry.subresource, path: path))
            }
        }
        if !conflicts.isEmpty, !force { throw conflictError(conflicts, type: type, name: name) }
        // The applier takes the fields it sets; with force, from whoever had them.
        for index in entries.indices where !isOwnApply(entries[index]) {
            let contested = entries[index].fields.paths.intersection(applied.paths).filter { path in
                let wanted = FieldSet.value(at: path, in: config)
                let current = FieldSet.value(at: path, in: live)
                return !(wanted.map { w in current.map { w.semanticallyEquals($0) } ?? false } ?? false)
            }
            entries[index].fields.paths.subtract(contested)
        }
        var merged = live
        let previous = entries.first { $0.manager == manager && $0.operation == .apply && $0.subresource == nil }?.fields ?? FieldSet()
        let othersOwn = entries.filter { !isOwnApply($0) }.reduce(into: Set<[String]>()) { $0.formUnion($1.fields.paths) }
        for path in previous.paths.subtracting(applied.paths).sorted(by: { $0.count > $1.count }) where !othersOwn.contains(path) {
            FieldSet.remove(path.last == "." ? Array(path.dropLast()) : path, from: &merged)
        }
        var configWithoutMeta = config
        configWithoutMeta.setValue(nil, at: ["metadata", "managedFields"])
        configWithoutMeta.setValue(nil, at: ["metadata", "resourceVersion"])
        merged = try StrategicMergePatch.merge(merged, configWithoutMeta, path: [])
        entries.removeAll { $0.manager == manager && $0.operation == .apply && $0.subresource == nil }
        entries.append(
            ManagedFields.Entry(
                manager: manager, operation: .apply, apiVersion: apiVersion, time: Timestamp.format(time),
                subresource: nil, fields: applied))
        ManagedFields.store(entries, on: &merged)
        return merged
    }

    static func conflictError(_ conflicts: [Conflict], type: ResourceType, name: String) -> APIError {
        let message: String
        if conflicts.count == 1, let conflict = conflicts.first {
            message = "Apply failed with 1 conflict: conflict with \(conflict.managerText): \(FieldSet.describe(conflict.path))"
        } else {
            var byManager: [String: [Conflict]] = [:]
            for conflict in conflicts { byManager[conflict.managerText, default: []].append(conflict) }
            var lines: [String] = []
            for manager in byManager.keys.sorted() {
                lines.append("conflicts with \(manager):")
                lines += (byManager[manager] ?? []).map { "- \(FieldSet.describe($0.path))" }
            }
            message = "Apply failed with \(conflicts.count) conflicts: " + lines.joined(separator: "\n")
        }
        var error = APIError(code: 409, reason: "Conflict", message: message, name: name, group: type.group, kind: type.kind)
        error.causes = conflicts.map {
            APIError.Cause(reason: "FieldManagerConflict", message: "conflict with \($0.managerText)", field: FieldSet.describe($0.path))
        }
        return error
    }
}
