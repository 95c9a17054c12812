extension ObjectStore {
    /// Creates the seed objects (and any namespace they name that does not exist yet).
    func seed(_ seeds: Seeds) throws {
        for document in seeds.documents {
            let object = document.object
            let apiVersion = object["apiVersion"].stringValue ?? ""
            let kind = object["kind"].stringValue ?? ""
            guard let type = ResourceCatalog.lookup(apiVersion: apiVersion, kind: kind) else {
                throw SandboxError(
                    .invalidSeed,
                    "seed \(document.source): the sandbox does not serve \(kind.isEmpty ? "documents without a kind" : "\(apiVersion) \(kind)"); use one of the kinds listed by `kubectl api-resources`"
                )
            }
            let namespace = type.namespaced ? (object.string(at: "metadata", "namespace") ?? "default") : ""
            do {
                if type.namespaced, get(ResourceCatalog.namespaces, namespace: "", name: namespace) == nil {
                    _ = try create(
                        ResourceCatalog.namespaces, namespace: "", body: ["metadata": ["name": .string(namespace)]],
                        context: WriteContext(manager: "kube-sandbox"))
                }
                _ = try create(type, namespace: namespace, body: object, context: WriteContext(manager: "kube-sandbox", trackFields: false))
            } catch let error as APIError {
                throw SandboxError(.invalidSeed, "seed \(document.source): \(error.message)")
            }
        }
    }
}
