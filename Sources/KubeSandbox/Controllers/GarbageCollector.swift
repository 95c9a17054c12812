/// The garbage collector: dependents whose owners are all gone are deleted; `orphan` and
/// `foregroundDeletion` finalizers are carried out (dependents released, or deleted first).
struct GarbageCollector {
    func sync(_ store: isolated ObjectStore) {
        let removed = store.pendingCollection
        store.pendingCollection = []
        for uid in removed {
            for (type, dependent) in store.dependentObjects(of: uid) {
                let owners = ObjectStore.ownerUIDs(dependent)
                let alive = owners.filter { $0 != uid && store.object(uid: $0) != nil }
                if alive.isEmpty {
                    if !dependent.isTerminating {
                        _ = try? store.delete(type, namespace: dependent.namespace, name: dependent.name, options: DeleteOptions())
                    }
                } else {
                    release(store, type, dependent, from: uid)
                }
            }
        }
        var waiting: [String] = []
        let finalizing = store.pendingFinalization
        store.pendingFinalization = []
        for uid in finalizing {
            guard let object = store.object(uid: uid), let (type, _) = store.uidIndex[uid] else { continue }
            let finalizers = (object.object.value(at: ["metadata", "finalizers"])?.arrayValue ?? []).compactMap(\.stringValue)
            if finalizers.contains("orphan") {
                for (dependentType, dependent) in store.dependentObjects(of: uid) { release(store, dependentType, dependent, from: uid) }
                store.removeFinalizer("orphan", from: type, object)
            } else if finalizers.contains("foregroundDeletion") {
                let dependents = store.dependentObjects(of: uid)
                if dependents.isEmpty {
                    store.removeFinalizer("foregroundDeletion", from: type, object)
                } else {
                    for (dependentType, dependent) in dependents where !dependent.isTerminating {
                        var options = DeleteOptions()
                        options.propagation = .foreground
                        _ = try? store.delete(dependentType, namespace: dependent.namespace, name: dependent.name, options: options)
                    }
                    waiting.append(uid)
                }
            }
        }
        store.pendingFinalization += waiting
    }

    private func release(_ store: isolated ObjectStore, _ type: ResourceType, _ dependent: StoredObject, from uid: String) {
        var object = dependent.object
        let remaining = (object.value(at: ["metadata", "ownerReferences"])?.arrayValue ?? []).filter { $0["uid"].stringValue != uid }
        object.setValue(remaining.isEmpty ? nil : .array(remaining), at: ["metadata", "ownerReferences"])
        store.controllerWrite(type, object)
    }
}
