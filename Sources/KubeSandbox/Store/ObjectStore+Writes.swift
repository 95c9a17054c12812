import Foundation

extension ObjectStore {
    /// Resources that a PUT may create (the real server's `AllowCreateOnUpdate`).
    private static let createOnUpdate: Set<String> = ["leases", "events", "endpoints", "endpointslices"]

    /// Creates an object, as `POST` does.
    func create(_ type: ResourceType, namespace: String, body: JSON, context: WriteContext) throws -> StoredObject {
        guard body.objectValue != nil else { throw APIError.badRequest("the body of the request must be a JSON object") }
        try checkTypeMeta(type, body)
        var object = body
        object["apiVersion"] = .string(type.groupVersion)
        object["kind"] = .string(type.kind)
        object = Self.reorderTypeMeta(object)
        let bodyNamespace = object.string(at: "metadata", "namespace") ?? ""
        if type.namespaced {
            if !bodyNamespace.isEmpty, bodyNamespace != namespace {
                throw APIError.badRequest("the namespace of the provided object does not match the namespace sent on the request")
            }
            try requireNamespace(namespace, forCreate: true)
            object.setValue(.string(namespace), at: ["metadata", "namespace"])
        } else {
            object.setValue(nil, at: ["metadata", "namespace"])
        }
        var name = object.string(at: "metadata", "name") ?? ""
        if name.isEmpty {
            if let prefix = object.string(at: "metadata", "generateName"), !prefix.isEmpty {
                name = prefix + randomSuffix()
                object.setValue(.string(name), at: ["metadata", "name"])
            } else {
                throw APIError.invalid(type, "", [APIError.Cause(reason: "FieldValueRequired", message: "Required value: name or generateName is required", field: "metadata.name")])
            }
        }
        if get(type, namespace: type.namespaced ? namespace : "", name: name) != nil {
            throw APIError.alreadyExists(type, name)
        }
        let timestamp = now()
        object.setValue(.string(UUID().uuidString.lowercased()), at: ["metadata", "uid"])
        object.setValue(.string(Timestamp.format(timestamp)), at: ["metadata", "creationTimestamp"])
        object.setValue(nil, at: ["metadata", "resourceVersion"])
        object.setValue(nil, at: ["metadata", "deletionTimestamp"])
        object.setValue(nil, at: ["metadata", "deletionGracePeriodSeconds"])
        object.setValue(nil, at: ["metadata", "selfLink"])
        if type.hasGeneration { object.setValue(1, at: ["metadata", "generation"]) }
        if type.subresources.contains("status"), type != ResourceCatalog.namespaces, type != ResourceCatalog.nodes {
            object["status"] = .object(JSONObject())
        }
        prepareForCreate(type, &object)
        ObjectDefaults.apply(type, to: &object)
        let causes = ObjectValidation.validate(type, object, old: nil)
        guard causes.isEmpty else { throw APIError.invalid(type, name, causes) }
        if context.trackFields {
            ManagedFields.recordUpdate(on: &object, old: nil, manager: context.manager, apiVersion: type.groupVersion, time: timestamp, subresource: nil)
        }
        if context.dryRun {
            return StoredObject(object: object, resourceVersion: resourceVersion)
        }
        return commit(type, .added, object, previous: nil)
    }

    /// Replaces an object, as `PUT` does, on the main resource or its `status` subresource.
    /// - Parameter optimistic: when true, a missing `resourceVersion` in the body is an error-free
    ///   unconditional update; when false (patches), the body's version is ignored.
    func update(_ type: ResourceType, namespace: String, name: String, body: JSON, subresource: String?,
                context: WriteContext, operation: ManagedFields.Operation = .update) throws -> (StoredObject, created: Bool) {
        guard body.objectValue != nil else { throw APIError.badRequest("the body of the request must be a JSON object") }
        try checkTypeMeta(type, body)
        let ns = type.namespaced ? namespace : ""
        let bodyName = body.string(at: "metadata", "name") ?? ""
        if !bodyName.isEmpty, bodyName != name {
            throw APIError.badRequest("the name of the object (\(bodyName)) does not match the name on the URL (\(name))")
        }
        if type.namespaced, let bodyNamespace = body.string(at: "metadata", "namespace"), !bodyNamespace.isEmpty, bodyNamespace != namespace {
            throw APIError.badRequest("the namespace of the provided object does not match the namespace sent on the request")
        }
        guard let current = get(type, namespace: ns, name: name) else {
            if Self.createOnUpdate.contains(type.resource), subresource == nil {
                var object = body
                object.setValue(.string(name), at: ["metadata", "name"])
                return (try create(type, namespace: namespace, body: object, context: context), true)
            }
            throw APIError.notFound(type, name)
        }
        if let version = body.string(at: "metadata", "resourceVersion"), !version.isEmpty, version != String(current.resourceVersion) {
            throw APIError.modified(type, name)
        }
        var object: JSON
        switch subresource {
        case "status":
            object = current.object
            object["status"] = body["status"]
        case nil:
            object = body
            if type.subresources.contains("status"), type != ResourceCatalog.namespaces {
                object["status"] = current.object["status"]
            }
        default:
            throw APIError.methodNotAllowed()
        }
        object["apiVersion"] = .string(type.groupVersion)
        object["kind"] = .string(type.kind)
        object = Self.reorderTypeMeta(object)
        for field in ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "namespace", "name"] {
            object.setValue(current.object.value(at: ["metadata", field]), at: ["metadata", field])
        }
        object.setValue(nil, at: ["metadata", "selfLink"])
        if current.isTerminating {
            // Finalizers may only be removed from an object that is being deleted.
            let old = Set((current.object.value(at: ["metadata", "finalizers"])?.arrayValue ?? []).compactMap(\.stringValue))
            let new = Set((object.value(at: ["metadata", "finalizers"])?.arrayValue ?? []).compactMap(\.stringValue))
            if !new.isSubset(of: old) {
                throw APIError.invalid(type, name, [APIError.Cause(reason: "FieldValueForbidden", message: "Forbidden: no new finalizers can be added if the object is being deleted", field: "metadata.finalizers")])
            }
        }
        prepareForUpdate(type, &object, old: current.object)
        ObjectDefaults.apply(type, to: &object)
        let causes = ObjectValidation.validate(type, object, old: current.object)
        guard causes.isEmpty else { throw APIError.invalid(type, name, causes) }
        if type.hasGeneration, Self.specChanged(object, current.object) {
            object.setValue(.int((current.object.int(at: "metadata", "generation") ?? 0) + 1), at: ["metadata", "generation"])
        }
        let timestamp = now()
        if context.trackFields, operation == .update {
            ManagedFields.recordUpdate(on: &object, old: current.object, manager: context.manager, apiVersion: type.groupVersion, time: timestamp, subresource: subresource)
        }
        object.setValue(.string(String(current.resourceVersion)), at: ["metadata", "resourceVersion"])
        if object.semanticallyEquals(current.object) { return (current, false) }
        if context.dryRun { return (StoredObject(object: object, resourceVersion: current.resourceVersion), false) }
        // An object being deleted goes away once its last finalizer is removed.
        if current.isTerminating, (object.value(at: ["metadata", "finalizers"])?.arrayValue ?? []).isEmpty,
           type != ResourceCatalog.pods || object.string(at: "spec", "nodeName") == nil {
            let stored = commit(type, .modified, object, previous: current)
            return (remove(type, stored), false)
        }
        return (commit(type, .modified, object, previous: current), false)
    }

    /// Writes a controller's change without API checks (status updates, scaling, bindings).
    @discardableResult
    func controllerWrite(_ type: ResourceType, _ object: JSON) -> StoredObject? {
        let key = ObjectKey(namespace: object.string(at: "metadata", "namespace") ?? "", name: object.string(at: "metadata", "name") ?? "")
        guard let current = tables[type]?.objects[key] else { return nil }
        var object = object
        object.setValue(.string(String(current.resourceVersion)), at: ["metadata", "resourceVersion"])
        if object.semanticallyEquals(current.object) { return current }
        return commit(type, .modified, object, previous: current)
    }

    /// Creates an object for a controller (ReplicaSets, Pods, Endpoints, Events).
    @discardableResult
    func controllerCreate(_ type: ResourceType, namespace: String, _ object: JSON) -> StoredObject? {
        do {
            return try create(type, namespace: namespace, body: object, context: .controller)
        } catch {
            logger.debug("controller create failed", metadata: ["resource": "\(type.resource)", "error": "\(error)"])
            return nil
        }
    }

    /// Removes an object for good and queues its dependents for garbage collection.
    @discardableResult
    func remove(_ type: ResourceType, _ current: StoredObject) -> StoredObject {
        let stored = commit(type, .deleted, current.object, previous: current)
        if dependents[current.uid] != nil {
            pendingCollection.append(current.uid)
            requestControllerPass()
        }
        return stored
    }

    private func checkTypeMeta(_ type: ResourceType, _ body: JSON) throws {
        if let apiVersion = body["apiVersion"].stringValue, !apiVersion.isEmpty, apiVersion != type.groupVersion {
            throw APIError.badRequest("the API version in the data (\(apiVersion)) does not match the expected API version (\(type.groupVersion))")
        }
        if let kind = body["kind"].stringValue, !kind.isEmpty, kind != type.kind {
            throw APIError.badRequest("the kind in the data (\(kind)) does not match the expected kind (\(type.kind))")
        }
    }

    func requireNamespace(_ namespace: String, forCreate: Bool) throws {
        guard let object = get(ResourceCatalog.namespaces, namespace: "", name: namespace) else {
            throw APIError.namespaceNotFound(namespace)
        }
        if forCreate, object.isTerminating {
            throw APIError(code: 403, reason: "Forbidden",
                           message: "unable to create new content in namespace \(namespace) because it is being terminated",
                           name: namespace, kind: "namespaces")
        }
    }

    /// `apiVersion` and `kind` first, as the real server writes them.
    static func reorderTypeMeta(_ object: JSON) -> JSON {
        guard var members = object.objectValue else { return object }
        if members.keys.prefix(2) == ["apiVersion", "kind"] || members.keys.prefix(2) == ["kind", "apiVersion"] { return object }
        let apiVersion = members["apiVersion"]
        let kind = members["kind"]
        members["apiVersion"] = nil
        members["kind"] = nil
        var ordered = JSONObject()
        ordered["kind"] = kind
        ordered["apiVersion"] = apiVersion
        for (key, value) in members { ordered[key] = value }
        return .object(ordered)
    }

    static func specChanged(_ new: JSON, _ old: JSON) -> Bool {
        var a = new.droppingNulls.objectValue ?? JSONObject()
        var b = old.droppingNulls.objectValue ?? JSONObject()
        for key in ["metadata", "status", "apiVersion", "kind"] {
            a[key] = nil
            b[key] = nil
        }
        return !a.semanticallyEquals(b)
    }

    private func prepareForCreate(_ type: ResourceType, _ object: inout JSON) {
        switch type {
        case ResourceCatalog.pods:
            object["status"] = ["phase": "Pending", "qosClass": .string(Self.qosClass(object))]
        case ResourceCatalog.services:
            allocateServiceAddresses(&object, old: nil)
        case ResourceCatalog.namespaces:
            object.setValue("Active", at: ["status", "phase"])
        default: break
        }
    }

    private func prepareForUpdate(_ type: ResourceType, _ object: inout JSON, old: JSON) {
        if type == ResourceCatalog.services { allocateServiceAddresses(&object, old: old) }
        if type == ResourceCatalog.namespaces, object.value(at: ["status", "phase"]) == nil {
            object.setValue(old.value(at: ["status", "phase"]), at: ["status", "phase"])
        }
    }

    /// Cluster IPs and node ports, kept from the old object when the new one leaves them out.
    private func allocateServiceAddresses(_ object: inout JSON, old: JSON?) {
        let type = object.string(at: "spec", "type") ?? "ClusterIP"
        if type == "ExternalName" { return }
        if (object.string(at: "spec", "clusterIP") ?? "").isEmpty {
            if let kept = old?.string(at: "spec", "clusterIP") {
                object.setValue(.string(kept), at: ["spec", "clusterIP"])
            } else {
                nextServiceIP += 1
                object.setValue(.string("10.96.\(nextServiceIP / 250).\(nextServiceIP % 250 + 1)"), at: ["spec", "clusterIP"])
            }
        }
        if object.value(at: ["spec", "clusterIPs"]) == nil, let ip = object.string(at: "spec", "clusterIP") {
            object.setValue([.string(ip)], at: ["spec", "clusterIPs"])
        }
        guard type == "NodePort" || type == "LoadBalancer", var ports = object.value(at: ["spec", "ports"])?.arrayValue else { return }
        let oldPorts = old?.value(at: ["spec", "ports"])?.arrayValue ?? []
        for index in ports.indices where ports[index]["nodePort"].isNull {
            if let match = oldPorts.first(where: { $0["port"] == ports[index]["port"] }), !match["nodePort"].isNull {
                ports[index]["nodePort"] = match["nodePort"]
            } else {
                ports[index]["nodePort"] = .int(nextNodePort)
                nextNodePort += 1
            }
        }
        object.setValue(.array(ports), at: ["spec", "ports"])
    }

    static func qosClass(_ pod: JSON) -> String {
        let containers = pod.value(at: ["spec", "containers"])?.arrayValue ?? []
        var any = false
        var guaranteed = !containers.isEmpty
        for container in containers {
            let requests = container.value(at: ["resources", "requests"])?.objectValue ?? JSONObject()
            let limits = container.value(at: ["resources", "limits"])?.objectValue ?? JSONObject()
            if !requests.isEmpty || !limits.isEmpty { any = true }
            for resource in ["cpu", "memory"] {
                guard let limit = limits[resource] else { guaranteed = false; continue }
                if let request = requests[resource], request != limit { guaranteed = false }
            }
        }
        if !any { return "BestEffort" }
        return guaranteed ? "Guaranteed" : "Burstable"
    }
}
