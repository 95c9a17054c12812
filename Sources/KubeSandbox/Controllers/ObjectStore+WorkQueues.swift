extension ObjectStore {
    /// Queues what a committed change concerns for the controllers, as the event handlers of the
    /// real ones do: the object itself when a controller syncs its kind, and the owners its
    /// `ownerReferences` name before or after the change (a ReplicaSet's change is its
    /// Deployment's, a Pod's is its ReplicaSet's).
    func enqueueForControllers(_ type: ResourceType, key: ObjectKey, owners: Set<String>) {
        enqueue(type, key)
        for uid in owners {
            if let (ownerType, ownerKey) = uidIndex[uid] { enqueue(ownerType, ownerKey) }
        }
    }

    private func enqueue(_ type: ResourceType, _ key: ObjectKey) {
        switch type {
        case ResourceCatalog.deployments: controllerState.deploymentQueue.add(key)
        case ResourceCatalog.replicaSets: controllerState.replicaSetQueue.add(key)
        default: break
        }
    }
}
