extension KubeClient {
    /// `/apis/<group>/<version>[/namespaces/<ns>]/<plural>[/<name>[/<subresource>]]`.
    func path(_ resource: APIResource, namespace: String?, name: String? = nil, subresource: String? = nil) -> String {
        var path = resource.groupVersionPath
        if resource.namespaced, let namespace, !namespace.isEmpty {
            path += "/namespaces/" + QueryEncoding.encode(namespace)
        }
        path += "/" + resource.plural
        if let name { path += "/" + QueryEncoding.encode(name) }
        if let subresource { path += "/" + subresource }
        return path
    }

    /// The namespace of an operation on one object: the one given, else the object's, else the
    /// client's default. Cluster-scoped kinds have none.
    func objectNamespace(_ resource: APIResource, given: String?, objectNamespace: String? = nil) throws -> String? {
        guard resource.namespaced else { return nil }
        if let given, let objectNamespace, !objectNamespace.isEmpty, given != objectNamespace {
            throw KubeError(
                reason: .invalidRequest, code: 0,
                message:
                    "the object's metadata.namespace \"\(objectNamespace)\" does not match the namespace \"\(given)\" of the request; make them agree"
            )
        }
        let namespace = given ?? objectNamespace.flatMap { $0.isEmpty ? nil : $0 } ?? configuration.namespace
        guard !namespace.isEmpty else {
            throw KubeError(
                reason: .invalidRequest, code: 0,
                message: "\(resource) are namespaced: name a namespace (all namespaces is only possible for list and watch)"
            )
        }
        return namespace
    }

    /// The namespace of a list or watch: the one given (empty for all namespaces), else the
    /// client's default.
    func collectionNamespace(_ resource: APIResource, given: String?) -> String? {
        guard resource.namespaced else { return nil }
        let namespace = given ?? configuration.namespace
        return namespace.isEmpty ? nil : namespace
    }

    func requireName(_ name: String, _ resource: APIResource) throws {
        guard !name.isEmpty else {
            throw KubeError(reason: .invalidRequest, code: 0, message: "a name is needed to address one of the \(resource)")
        }
    }
}
