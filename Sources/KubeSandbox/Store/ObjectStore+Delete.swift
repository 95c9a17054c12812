import Foundation

extension ObjectStore {
    /// The outcome of a delete: the object's last state, and whether it is gone already or is
    /// only marked for deletion (finalizers, graceful pod termination, foreground cascade).
    struct Deletion: Sendable {
        var object: StoredObject
        var removed: Bool
    }

    /// Deletes an object, as `DELETE` does: preconditions, propagation policy, finalizers and
    /// graceful termination of bound pods.
    func delete(_ type: ResourceType, namespace: String, name: String, options: DeleteOptions) throws -> Deletion {
        let ns = type.namespaced ? namespace : ""
        guard let current = get(type, namespace: ns, name: name) else { throw APIError.notFound(type, name) }
        if let uid = options.preconditionUID, uid != current.uid {
            throw APIError.conflict(type, name, "Precondition failed: UID in precondition: \(uid), UID in object meta: \(current.uid)")
        }
        if let version = options.preconditionResourceVersion, version != String(current.resourceVersion) {
            throw APIError.conflict(type, name, "Precondition failed: ResourceVersion in precondition: \(version), ResourceVersion in object meta: \(current.resourceVersion)")
        }
        if options.dryRun { return Deletion(object: current, removed: false) }
        var object = current.object
        let timestamp = Timestamp.format(now())
        var finalizers = (object.value(at: ["metadata", "finalizers"])?.arrayValue ?? []).compactMap(\.stringValue)

        if type == ResourceCatalog.namespaces {
            if current.isTerminating { return Deletion(object: current, removed: false) }
            object.setValue(.string(timestamp), at: ["metadata", "deletionTimestamp"])
            object.setValue(0, at: ["metadata", "deletionGracePeriodSeconds"])
            object.setValue("Terminating", at: ["status", "phase"])
            return Deletion(object: commit(type, .modified, object, previous: current), removed: false)
        }

        let propagation = options.propagation ?? .background
        switch propagation {
        case .orphan where !finalizers.contains("orphan"):
            finalizers.append("orphan")
        case .foreground where !finalizers.contains("foregroundDeletion"):
            finalizers.append("foregroundDeletion")
        default: break
        }
        if propagation != .orphan { finalizers.removeAll { $0 == "orphan" } }
        if propagation != .foreground { finalizers.removeAll { $0 == "foregroundDeletion" } }

        let bound = type == ResourceCatalog.pods && object.string(at: "spec", "nodeName") != nil
        let grace = options.gracePeriodSeconds ?? object.int(at: "spec", "terminationGracePeriodSeconds") ?? 30
        if finalizers.isEmpty, !(bound && grace > 0), !current.isTerminating || !bound {
            return Deletion(object: remove(type, current), removed: true)
        }
        if current.isTerminating, finalizers == (object.value(at: ["metadata", "finalizers"])?.arrayValue ?? []).compactMap(\.stringValue) {
            return Deletion(object: current, removed: false)
        }
        object.setValue(finalizers.isEmpty ? nil : .array(finalizers.map { .string($0) }), at: ["metadata", "finalizers"])
        if !current.isTerminating {
            let when = bound ? Timestamp.format(now().addingTimeInterval(TimeInterval(grace))) : timestamp
            object.setValue(.string(when), at: ["metadata", "deletionTimestamp"])
            object.setValue(.int(bound ? grace : 0), at: ["metadata", "deletionGracePeriodSeconds"])
        }
        if type.hasGeneration {
            object.setValue(.int((object.int(at: "metadata", "generation") ?? 0) + 1), at: ["metadata", "generation"])
        }
        let stored = commit(type, .modified, object, previous: current)
        if finalizers.contains("orphan") || finalizers.contains("foregroundDeletion") {
            pendingFinalization.append(current.uid)
            requestControllerPass()
        }
        return Deletion(object: stored, removed: false)
    }

    /// Removes a finalizer from an object being deleted; the object goes away with its last one.
    func removeFinalizer(_ finalizer: String, from type: ResourceType, _ current: StoredObject) {
        var object = current.object
        var finalizers = (object.value(at: ["metadata", "finalizers"])?.arrayValue ?? []).compactMap(\.stringValue)
        finalizers.removeAll { $0 == finalizer }
        object.setValue(finalizers.isEmpty ? nil : .array(finalizers.map { .string($0) }), at: ["metadata", "finalizers"])
        let stored = commit(type, .modified, object, previous: current)
        if finalizers.isEmpty, current.isTerminating { remove(type, stored) }
    }
}
