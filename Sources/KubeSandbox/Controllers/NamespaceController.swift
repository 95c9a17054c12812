/// Empties namespaces being deleted, then removes them.
struct NamespaceController {
    func sync(_ store: isolated ObjectStore) {
        for namespace in store.all(ResourceCatalog.namespaces) where namespace.isTerminating {
            var remaining = 0
            for type in ResourceCatalog.all where type.namespaced {
                for object in store.all(type, namespace: namespace.name) {
                    remaining += 1
                    if !object.isTerminating {
                        _ = try? store.delete(type, namespace: object.namespace, name: object.name, options: DeleteOptions())
                    }
                }
            }
            if remaining == 0 {
                store.remove(ResourceCatalog.namespaces, store.get(ResourceCatalog.namespaces, namespace: "", name: namespace.name) ?? namespace)
            }
        }
    }
}
