import Foundation

/// The deployment controller, after `pkg/controller/deployment`: one ReplicaSet per pod template
/// named `<deployment>-<pod-template-hash>`, rolling updates within maxSurge/maxUnavailable (or
/// Recreate), revision annotations, history cleanup, and the status and conditions the real
/// controller writes (Available, Progressing with its reasons, ProgressDeadlineExceeded).
struct DeploymentController {
    static let revisionAnnotation = "deployment.kubernetes.io/revision"
    let rs = ResourceCatalog.replicaSets
    let deployments = ResourceCatalog.deployments

    /// Syncs the queued Deployments (changed, or with a changed ReplicaSet, or waiting for a
    /// deadline). Returns when it wants to run again (a progress deadline), if ever.
    func sync(_ store: isolated ObjectStore, now: Date) -> Date? {
        var wake: Date?
        for key in store.controllerState.deploymentQueue.take() {
            guard let deployment = store.get(deployments, namespace: key.namespace, name: key.name), !deployment.isTerminating else { continue }
            if let next = syncOne(store, deployment, now: now) {
                wake = min(wake ?? next, next)
                store.controllerState.deploymentQueue.addLater(key)
            }
        }
        return wake
    }

    /// An int-or-percent value scaled against `total` (`roundUp` for maxSurge, down for maxUnavailable).
    static func scaled(_ value: JSON?, total: Int, roundUp: Bool) -> Int {
        switch value {
        case .number?: return min(max(value?.intValue ?? 0, 0), Int(Int32.max))
        case .string(let text)?:
            if text.hasSuffix("%"), let percent = Double(text.dropLast()) {
                let raw = min(max(percent, 0), 100_000) * Double(total) / 100
                return Int(roundUp ? raw.rounded(.up) : raw.rounded(.down))
            }
            return min(max(Int(text) ?? 0, 0), Int(Int32.max))
        default: return 0
        }
    }

    static func surgeAndUnavailable(_ deployment: JSON) -> (surge: Int, unavailable: Int) {
        let replicas = deployment.int(at: "spec", "replicas") ?? 1
        guard deployment.string(at: "spec", "strategy", "type") != "Recreate" else { return (0, 0) }
        let rolling = deployment.value(at: ["spec", "strategy", "rollingUpdate"]) ?? .null
        var surge = scaled(rolling["maxSurge"].isNull ? "25%" : rolling["maxSurge"], total: replicas, roundUp: true)
        var unavailable = scaled(rolling["maxUnavailable"].isNull ? "25%" : rolling["maxUnavailable"], total: replicas, roundUp: false)
        if surge == 0, unavailable == 0 { unavailable = 1 }
        surge = max(0, surge)
        unavailable = min(max(0, unavailable), replicas)
        return (surge, unavailable)
    }

    private func owned(_ store: isolated ObjectStore, by deployment: StoredObject) -> [StoredObject] {
        store.ownedObjects(of: deployment.uid, type: rs, namespace: deployment.namespace).filter { replicaSet in
            (replicaSet.object.value(at: ["metadata", "ownerReferences"])?.arrayValue ?? []).contains {
                $0["uid"].stringValue == deployment.uid && $0["controller"].boolValue == true
            }
        }
    }

    private func syncOne(_ store: isolated ObjectStore, _ deployment: StoredObject, now: Date) -> Date? {
        let d = deployment.object
        let desired = d.int(at: "spec", "replicas") ?? 1
        let template = d.value(at: ["spec", "template"]) ?? .null
        var all = owned(store, by: deployment).sorted {
            ($0.object.string(at: "metadata", "creationTimestamp") ?? "", $0.name) < (
                $1.object.string(at: "metadata", "creationTimestamp") ?? "", $1.name
            )
        }
        var newRS = all.first {
            PodTemplateHash.withoutHash($0.object.value(at: ["spec", "template"]) ?? .null).semanticallyEquals(PodTemplateHash.withoutHash(template))
        }
        let paused = d.value(at: ["spec", "paused"])?.boolValue == true
        let (surge, maxUnavailable) = Self.surgeAndUnavailable(d)
        let recreate = d.string(at: "spec", "strategy", "type") == "Recreate"
        var status = d["status"].objectValue.map(JSON.object) ?? .object(JSONObject())
        let hasDeadline = d.int(at: "spec", "progressDeadlineSeconds") != nil

        func scale(_ replicaSet: StoredObject, to replicas: Int) -> StoredObject {
            guard (replicaSet.object.int(at: "spec", "replicas") ?? 0) != replicas else { return replicaSet }
            let old = replicaSet.object.int(at: "spec", "replicas") ?? 0
            var object = replicaSet.object
            object.setValue(.int(replicas), at: ["spec", "replicas"])
            object.setValue(.string(String(desired)), at: ["metadata", "annotations", "deployment.kubernetes.io/desired-replicas"])
            object.setValue(.string(String(desired + surge)), at: ["metadata", "annotations", "deployment.kubernetes.io/max-replicas"])
            object.setValue(.int((object.int(at: "metadata", "generation") ?? 1) + 1), at: ["metadata", "generation"])
            let stored = store.controllerWrite(rs, object) ?? replicaSet
            let direction = replicas > old ? "up" : "down"
            store.recordEvent(
                about: deployment, kind: "Deployment", apiVersion: "apps/v1", reason: "ScalingReplicaSet",
                message: "Scaled \(direction) replica set \(replicaSet.name) from \(old) to \(replicas)", component: "deployment-controller")
            return stored
        }

        // The new ReplicaSet, created when the template changed (not while paused, nor while
        // Recreate still has old pods).
        let maxRevision = all.compactMap { Int($0.object.string(at: "metadata", "annotations", Self.revisionAnnotation) ?? "") }.max() ?? 0
        if newRS == nil, !paused, recreate {
            // Recreate: every old pod goes before the new ReplicaSet is made.
            all = all.map { ($0.object.int(at: "spec", "replicas") ?? 0) > 0 ? scale($0, to: 0) : $0 }
        }
        if newRS == nil, !paused {
            let oldPods = all.reduce(0) { $0 + ($1.object.int(at: "status", "replicas") ?? 0) }
            let oldSpec = all.reduce(0) { $0 + ($1.object.int(at: "spec", "replicas") ?? 0) }
            if !recreate || (oldPods == 0 && oldSpec == 0) {
                let collision = d.int(at: "status", "collisionCount")
                let hash = PodTemplateHash.compute(template, collisionCount: collision)
                var rsTemplate = template
                rsTemplate.setValue(.string(hash), at: ["metadata", "labels", "pod-template-hash"])
                var selector = d.value(at: ["spec", "selector"]) ?? .null
                selector.setValue(.string(hash), at: ["matchLabels", "pod-template-hash"])
                var labels = template.value(at: ["metadata", "labels"]) ?? .object(JSONObject())
                labels["pod-template-hash"] = .string(hash)
                let currentTotal = all.reduce(0) { $0 + ($1.object.int(at: "spec", "replicas") ?? 0) }
                let initial = recreate ? desired : max(0, min(desired, desired + surge - currentTotal))
                var annotations = JSONObject()
                for (key, value) in d.value(at: ["metadata", "annotations"])?.objectValue ?? JSONObject()
                where key != "kubectl.kubernetes.io/last-applied-configuration" && key != Self.revisionAnnotation {
                    annotations[key] = value
                }
                annotations["deployment.kubernetes.io/desired-replicas"] = .string(String(desired))
                annotations["deployment.kubernetes.io/max-replicas"] = .string(String(desired + surge))
                annotations[Self.revisionAnnotation] = .string(String(maxRevision + 1))
                let object: JSON = [
                    "metadata": [
                        "name": .string("\(deployment.name)-\(hash)"), "namespace": .string(deployment.namespace), "labels": labels,
                        "annotations": .object(annotations),
                        "ownerReferences": [
                            [
                                "apiVersion": "apps/v1", "kind": "Deployment", "name": .string(deployment.name), "uid": .string(deployment.uid),
                                "controller": true, "blockOwnerDeletion": true,
                            ]
                        ],
                    ],
                    "spec": [
                        "replicas": .int(initial), "minReadySeconds": .int(d.int(at: "spec", "minReadySeconds") ?? 0),
                        "selector": selector, "template": rsTemplate,
                    ],
                ]
                if let created = store.controllerCreate(rs, namespace: deployment.namespace, object) {
                    newRS = created
                    all.append(created)
                    store.recordEvent(
                        about: deployment, kind: "Deployment", apiVersion: "apps/v1", reason: "ScalingReplicaSet",
                        message: "Scaled up replica set \(created.name) from 0 to \(initial)", component: "deployment-controller")
                    if hasDeadline {
                        Conditions.set(
                            &status, type: "Progressing", status: "True", reason: "NewReplicaSetCreated",
                            message: "Created new replica set \"\(created.name)\"", now: now)
                    }
                } else {
                    // A name collision with a ReplicaSet that is not ours: count it and retry with a new hash.
                    status["collisionCount"] = .int((collision ?? 0) + 1)
                }
            }
        } else if let found = newRS, hasDeadline, Conditions.find(status, "Progressing") == nil {
            Conditions.set(
                &status, type: "Progressing", status: "True", reason: "FoundNewReplicaSet",
                message: "Found new replica set \"\(found.name)\"", now: now)
        }
        if let current = newRS, let revision = Int(current.object.string(at: "metadata", "annotations", Self.revisionAnnotation) ?? ""),
            revision < maxRevision, current.object.string(at: "metadata", "annotations", Self.revisionAnnotation) != nil,
            all.contains(where: {
                $0.uid != current.uid && Int($0.object.string(at: "metadata", "annotations", Self.revisionAnnotation) ?? "") == maxRevision
            })
        {
            // A rollback to an older template: its ReplicaSet becomes the newest revision.
            var object = current.object
            object.setValue(.string(String(maxRevision + 1)), at: ["metadata", "annotations", Self.revisionAnnotation])
            newRS = store.controllerWrite(rs, object) ?? current
        }
        let olds = all.filter { $0.uid != newRS?.uid }.map { old in store.get(rs, namespace: old.namespace, name: old.name) ?? old }

        if !paused, let current = newRS {
            if recreate {
                for old in olds where (old.object.int(at: "spec", "replicas") ?? 0) > 0 { _ = scale(old, to: 0) }
                let oldPods = olds.reduce(0) { $0 + ($1.object.int(at: "status", "replicas") ?? 0) }
                if oldPods == 0 { newRS = scale(current, to: desired) }
            } else {
                // Scale up the new ReplicaSet within maxSurge.
                let total = olds.reduce(0) { $0 + ($1.object.int(at: "spec", "replicas") ?? 0) } + (current.object.int(at: "spec", "replicas") ?? 0)
                let newReplicas = current.object.int(at: "spec", "replicas") ?? 0
                if newReplicas > desired {
                    newRS = scale(current, to: desired)
                } else if newReplicas < desired {
                    let room = desired + surge - total
                    if room > 0 { newRS = scale(current, to: min(desired, newReplicas + room)) }
                }
                // Scale down old ReplicaSets within maxUnavailable: unhealthy replicas first.
                let fresh = newRS.flatMap { store.get(rs, namespace: $0.namespace, name: $0.name) } ?? current
                var oldSets = olds.map { store.get(rs, namespace: $0.namespace, name: $0.name) ?? $0 }
                let allPods =
                    oldSets.reduce(0) { $0 + ($1.object.int(at: "spec", "replicas") ?? 0) } + (fresh.object.int(at: "spec", "replicas") ?? 0)
                let minAvailable = desired - maxUnavailable
                let newUnavailable = (fresh.object.int(at: "spec", "replicas") ?? 0) - (fresh.object.int(at: "status", "availableReplicas") ?? 0)
                var budget = allPods - minAvailable - newUnavailable
                if budget > 0 {
                    for index in oldSets.indices where budget > 0 {
                        let replicas = oldSets[index].object.int(at: "spec", "replicas") ?? 0
                        let unhealthy = replicas - (oldSets[index].object.int(at: "status", "availableReplicas") ?? 0)
                        let cut = min(max(0, unhealthy), budget)
                        if cut > 0 {
                            oldSets[index] = scale(oldSets[index], to: replicas - cut)
                            budget -= cut
                        }
                    }
                    let available =
                        oldSets.reduce(0) {
                            $0 + min($1.object.int(at: "status", "availableReplicas") ?? 0, $1.object.int(at: "spec", "replicas") ?? 0)
                        }
                        + (fresh.object.int(at: "status", "availableReplicas") ?? 0)
                    var scaleDown = available - minAvailable
                    for index in oldSets.indices where scaleDown > 0 {
                        let replicas = oldSets[index].object.int(at: "spec", "replicas") ?? 0
                        let cut = min(replicas, scaleDown)
                        if cut > 0 {
                            oldSets[index] = scale(oldSets[index], to: replicas - cut)
                            scaleDown -= cut
                        }
                    }
                }
            }
        } else if paused, let current = newRS {
            // Paused: only proportional scaling of the current ReplicaSet to the desired count.
            if olds.allSatisfy({ ($0.object.int(at: "spec", "replicas") ?? 0) == 0 }) { newRS = scale(current, to: desired) }
        }

        // History: drop the oldest idle ReplicaSets beyond revisionHistoryLimit.
        let limit = d.int(at: "spec", "revisionHistoryLimit") ?? 10
        let idle = olds.compactMap { store.get(rs, namespace: $0.namespace, name: $0.name) }
            .filter { ($0.object.int(at: "spec", "replicas") ?? 0) == 0 && ($0.object.int(at: "status", "replicas") ?? 0) == 0 }
        if idle.count > limit {
            for old in idle.prefix(idle.count - limit) {
                _ = try? store.delete(rs, namespace: old.namespace, name: old.name, options: DeleteOptions())
            }
        }

        return writeStatus(store, deployment, status: status, newRS: newRS, maxUnavailable: maxUnavailable, now: now)
    }

    private func writeStatus(
        _ store: isolated ObjectStore, _ deployment: StoredObject, status initial: JSON, newRS: StoredObject?,
        maxUnavailable: Int, now: Date
    ) -> Date? {
        let d = deployment.object
        let desired = d.int(at: "spec", "replicas") ?? 1
        let sets = owned(store, by: deployment)
        let fresh = newRS.flatMap { store.get(rs, namespace: $0.namespace, name: $0.name) }
        let sum: (String) -> Int = { field in sets.reduce(0) { $0 + ($1.object.int(at: "status", field) ?? 0) } }
        var status = initial
        let old = d["status"]
        status["observedGeneration"] = .int(d.int(at: "metadata", "generation") ?? 1)
        let replicas = sum("replicas")
        let updated = fresh?.object.int(at: "status", "replicas") ?? 0
        let ready = sum("readyReplicas")
        let available = sum("availableReplicas")
        // Zero counts are left out, as Go's omitempty does.
        for (field, value) in [
            ("replicas", replicas), ("updatedReplicas", updated), ("readyReplicas", ready),
            ("availableReplicas", available), ("unavailableReplicas", desired - available),
        ] {
            status.setValue(value > 0 ? JSON.int(value) : Optional<JSON>.none, at: [field])
        }
        if available >= desired - maxUnavailable {
            Conditions.set(
                &status, type: "Available", status: "True", reason: "MinimumReplicasAvailable", message: "Deployment has minimum availability.",
                now: now)
        } else {
            Conditions.set(
                &status, type: "Available", status: "False", reason: "MinimumReplicasUnavailable",
                message: "Deployment does not have minimum availability.", now: now)
        }
        var wake: Date?
        if let deadline = d.int(at: "spec", "progressDeadlineSeconds") {
            let current = Conditions.find(status, "Progressing")
            let complete = replicas == updated && current?["reason"].stringValue == "NewReplicaSetAvailable"
            let rsName = fresh?.name ?? deployment.name
            if !complete {
                let oldOld = (old["replicas"].intValue ?? 0) - (old["updatedReplicas"].intValue ?? 0)
                let newOld = replicas - updated
                let progressing =
                    updated > (old["updatedReplicas"].intValue ?? 0) || newOld < oldOld
                    || ready > (old["readyReplicas"].intValue ?? 0) || available > (old["availableReplicas"].intValue ?? 0)
                if updated == desired, replicas == desired, available == desired {
                    Conditions.set(
                        &status, type: "Progressing", status: "True", reason: "NewReplicaSetAvailable",
                        message: "ReplicaSet \"\(rsName)\" has successfully progressed.", now: now)
                } else if progressing {
                    var condition = JSONObject()
                    condition["type"] = "Progressing"
                    condition["status"] = "True"
                    condition["lastUpdateTime"] = .string(Timestamp.format(now))
                    condition["lastTransitionTime"] =
                        current?["status"].stringValue == "True" ? current?["lastTransitionTime"] : .string(Timestamp.format(now))
                    condition["reason"] = "ReplicaSetUpdated"
                    condition["message"] = .string("ReplicaSet \"\(rsName)\" is progressing.")
                    Conditions.remove(&status, "Progressing")
                    status["conditions"] = .array((status["conditions"].arrayValue ?? []) + [.object(condition)])
                    wake = now.addingTimeInterval(TimeInterval(deadline) + 1)
                } else if let current, current["reason"].stringValue != "NewReplicaSetAvailable" {
                    let from = current["lastUpdateTime"].stringValue.flatMap(Timestamp.parse) ?? now
                    let expiry = from.addingTimeInterval(TimeInterval(deadline))
                    if current["reason"].stringValue == "ProgressDeadlineExceeded" {
                        // Stays failed until progress is made.
                    } else if expiry < now {
                        Conditions.set(
                            &status, type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded",
                            message: "ReplicaSet \"\(rsName)\" has timed out progressing.", now: now)
                        store.recordEvent(
                            about: deployment, kind: "Deployment", apiVersion: "apps/v1", reason: "ProgressDeadlineExceeded",
                            message: "Deployment \"\(deployment.name)\" has timed out progressing.", type: "Warning",
                            component: "deployment-controller")
                    } else {
                        wake = expiry.addingTimeInterval(0.05)
                    }
                }
            }
        } else {
            Conditions.remove(&status, "Progressing")
        }
        var object = d
        object["status"] = status
        if let fresh, let revision = fresh.object.string(at: "metadata", "annotations", Self.revisionAnnotation) {
            object.setValue(.string(revision), at: ["metadata", "annotations", Self.revisionAnnotation])
        }
        store.controllerWrite(deployments, object)
        return wake
    }
}
