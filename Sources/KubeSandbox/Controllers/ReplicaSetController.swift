import Foundation

/// The ReplicaSet controller: keeps `spec.replicas` pods (named `<replicaset>-<5 characters>`)
/// and writes the replica counts into the status.
struct ReplicaSetController {
    let pods = ResourceCatalog.pods
    let replicaSets = ResourceCatalog.replicaSets

    /// Syncs the queued ReplicaSets (changed, or with a changed pod, or waiting for pods to become
    /// available). Returns when it wants to run again, if ever.
    func sync(_ store: isolated ObjectStore, now: Date) -> Date? {
        var wake: Date?
        for key in store.controllerState.replicaSetQueue.take() {
            guard let replicaSet = store.get(replicaSets, namespace: key.namespace, name: key.name), !replicaSet.isTerminating else { continue }
            if let next = syncOne(store, replicaSet, now: now) {
                wake = min(wake ?? next, next)
                store.controllerState.replicaSetQueue.addLater(key)
            }
        }
        return wake
    }

    private func syncOne(_ store: isolated ObjectStore, _ replicaSet: StoredObject, now: Date) -> Date? {
        let rs = replicaSet.object
        let desired = rs.int(at: "spec", "replicas") ?? 1
        let owned = store.ownedObjects(of: replicaSet.uid, type: pods, namespace: replicaSet.namespace).filter { PodReadiness.isControlled($0, by: replicaSet.uid) }
        var active = owned.filter(PodReadiness.isActive)
        if active.count < desired {
            // At most 500 creations per pass, as the real controller's burst limit.
            for _ in 0..<min(desired - active.count, 500) {
                let template = rs.value(at: ["spec", "template"]) ?? .null
                var metadata = JSONObject()
                metadata["generateName"] = .string("\(replicaSet.name)-")
                metadata["namespace"] = .string(replicaSet.namespace)
                if let labels = template.value(at: ["metadata", "labels"]) { metadata["labels"] = labels }
                if let annotations = template.value(at: ["metadata", "annotations"]) { metadata["annotations"] = annotations }
                metadata["ownerReferences"] = [
                    [
                        "apiVersion": "apps/v1", "kind": "ReplicaSet", "name": .string(replicaSet.name), "uid": .string(replicaSet.uid),
                        "controller": true, "blockOwnerDeletion": true,
                    ]
                ]
                let pod: JSON = ["apiVersion": "v1", "kind": "Pod", "metadata": .object(metadata), "spec": template["spec"]]
                guard let created = store.controllerCreate(pods, namespace: replicaSet.namespace, pod) else { break }
                active.append(created)
                store.recordEvent(
                    about: replicaSet, kind: "ReplicaSet", apiVersion: "apps/v1", reason: "SuccessfulCreate",
                    message: "Created pod: \(created.name)", component: "replicaset-controller")
            }
        } else if active.count > desired {
            // Delete the least useful first: unscheduled, pending, not ready, then the newest.
            func rank(_ pod: StoredObject) -> (Int, Int, Int, String) {
                let o = pod.object
                return (
                    o.string(at: "spec", "nodeName") == nil ? 0 : 1, o.string(at: "status", "phase") == "Pending" ? 0 : 1,
                    PodReadiness.isReady(o) ? 1 : 0, String((o.string(at: "metadata", "creationTimestamp") ?? "").reversed())
                )
            }
            let victims = active.sorted { rank($0) < rank($1) }.prefix(active.count - desired)
            for victim in victims {
                _ = try? store.delete(pods, namespace: victim.namespace, name: victim.name, options: DeleteOptions())
                store.recordEvent(
                    about: replicaSet, kind: "ReplicaSet", apiVersion: "apps/v1", reason: "SuccessfulDelete",
                    message: "Deleted pod: \(victim.name)", component: "replicaset-controller")
            }
            let removed = Set(victims.map(\.uid))
            active.removeAll { removed.contains($0.uid) }
        }
        let current = active.map { store.get(pods, namespace: $0.namespace, name: $0.name) ?? $0 }.filter(PodReadiness.isActive)
        let minReady = rs.int(at: "spec", "minReadySeconds") ?? 0
        let templateLabels = rs.value(at: ["spec", "template", "metadata", "labels"])?.objectValue ?? JSONObject()
        let ready = current.filter { PodReadiness.isReady($0.object) }.count
        let available = current.filter { PodReadiness.isAvailable($0.object, minReadySeconds: minReady, now: now) }.count
        let labeled = current.filter { pod in templateLabels.allSatisfy { pod.labels[$0.key] == $0.value } }.count
        var status = JSONObject()
        status["replicas"] = .int(current.count)
        if labeled > 0 { status["fullyLabeledReplicas"] = .int(labeled) }
        if ready > 0 { status["readyReplicas"] = .int(ready) }
        if available > 0 { status["availableReplicas"] = .int(available) }
        status["observedGeneration"] = .int(rs.int(at: "metadata", "generation") ?? 1)
        var object = rs
        object["status"] = .object(status)
        store.controllerWrite(replicaSets, object)
        if minReady > 0, ready > available { return now.addingTimeInterval(0.25) }
        return nil
    }
}
