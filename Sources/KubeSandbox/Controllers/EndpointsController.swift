import Foundation

/// Keeps an Endpoints object and an EndpointSlice per Service with a selector, listing the
/// selected pods that have an IP (ready ones as addresses, the others as not-ready addresses).
struct EndpointsController {
    static let triggerAnnotation = "endpoints.kubernetes.io/last-change-trigger-time"
    static let managedBy = "endpointslice-controller.k8s.io"

    func sync(_ store: isolated ObjectStore, now: Date) {
        let services = store.all(ResourceCatalog.services)
        var serviceKeys = Set<String>()
        for service in services where !service.isTerminating {
            serviceKeys.insert("\(service.namespace)/\(service.name)")
            guard let selectorMap = service.object.value(at: ["spec", "selector"])?.objectValue, !selectorMap.isEmpty else { continue }
            let selector = LabelSelector.fromMap(.object(selectorMap))
            let selected = store.all(ResourceCatalog.pods, namespace: service.namespace).filter {
                selector.matches(object: $0.object) && $0.object.string(at: "status", "podIP") != nil
                    && $0.object.string(at: "status", "phase") != "Succeeded" && $0.object.string(at: "status", "phase") != "Failed"
            }
            writeEndpoints(store, service, pods: selected, now: now)
            writeSlice(store, service, pods: selected, now: now)
        }
        // Endpoints of deleted Services go with them (slices follow their owner reference).
        for endpoints in store.all(ResourceCatalog.endpoints)
        where endpoints.object.string(at: "metadata", "annotations", Self.triggerAnnotation) != nil && !serviceKeys.contains("\(endpoints.namespace)/\(endpoints.name)") {
            store.remove(ResourceCatalog.endpoints, endpoints)
        }
    }

    /// The service's ports resolved against one pod (named target ports looked up in its containers).
    private func ports(_ service: StoredObject, pod: StoredObject) -> [JSON] {
        (service.object.value(at: ["spec", "ports"])?.arrayValue ?? []).compactMap { port -> JSON? in
            var target = port["targetPort"]
            if target.isNull { target = port["port"] }
            var number = target.intValue
            if number == nil, let name = target.stringValue {
                if let value = Int(name) {
                    number = value
                } else {
                    let containerPorts = (pod.object.value(at: ["spec", "containers"])?.arrayValue ?? []).flatMap { $0["ports"].arrayValue ?? [] }
                    number = containerPorts.first { $0["name"].stringValue == name }?["containerPort"].intValue
                }
            }
            guard let number else { return nil }
            var entry = JSONObject()
            if let name = port["name"].stringValue, !name.isEmpty { entry["name"] = .string(name) }
            entry["port"] = .int(number)
            entry["protocol"] = port["protocol"].isNull ? "TCP" : port["protocol"]
            return .object(entry)
        }
    }

    private func address(_ pod: StoredObject) -> JSON {
        var address = JSONObject()
        address["ip"] = .string(pod.object.string(at: "status", "podIP") ?? "")
        if let node = pod.object.string(at: "spec", "nodeName") { address["nodeName"] = .string(node) }
        address["targetRef"] = ["kind": "Pod", "namespace": .string(pod.namespace), "name": .string(pod.name), "uid": .string(pod.uid)]
        return .object(address)
    }

    private func writeEndpoints(_ store: isolated ObjectStore, _ service: StoredObject, pods: [StoredObject], now: Date) {
        // Group pods by their resolved port list, as the real controller forms subsets.
        var subsets: [(ports: [JSON], ready: [JSON], notReady: [JSON])] = []
        for pod in pods.sorted(by: { ($0.object.string(at: "status", "podIP") ?? "") < ($1.object.string(at: "status", "podIP") ?? "") }) where !pod.isTerminating {
            let podPorts = ports(service, pod: pod)
            guard !podPorts.isEmpty else { continue }
            let index = subsets.firstIndex { $0.ports == podPorts } ?? { subsets.append((podPorts, [], [])); return subsets.count - 1 }()
            if PodReadiness.isReady(pod.object) { subsets[index].ready.append(address(pod)) } else { subsets[index].notReady.append(address(pod)) }
        }
        let subsetJSON: [JSON] = subsets.map { subset in
            var entry = JSONObject()
            if !subset.ready.isEmpty { entry["addresses"] = .array(subset.ready) }
            if !subset.notReady.isEmpty { entry["notReadyAddresses"] = .array(subset.notReady) }
            entry["ports"] = .array(subset.ports)
            return .object(entry)
        }
        let existing = store.get(ResourceCatalog.endpoints, namespace: service.namespace, name: service.name)
        var labels = service.object.value(at: ["metadata", "labels"])?.objectValue ?? JSONObject()
        labels["endpoints.kubernetes.io/managed-by"] = "endpoint-controller"
        if let existing {
            let sameSubsets = (existing.object["subsets"].arrayValue ?? []).count == subsetJSON.count
                && zip(existing.object["subsets"].arrayValue ?? [], subsetJSON).allSatisfy { $0.semanticallyEquals($1) }
            if sameSubsets, existing.labels.semanticallyEquals(labels) { return }
            var object = existing.object
            object["subsets"] = subsetJSON.isEmpty ? .null : .array(subsetJSON)
            if subsetJSON.isEmpty { object = .object((object.objectValue ?? JSONObject()).filteringMembers { key, _ in key != "subsets" }) }
            object.setValue(.object(labels), at: ["metadata", "labels"])
            object.setValue(.string(Timestamp.format(now)), at: ["metadata", "annotations", Self.triggerAnnotation])
            store.controllerWrite(ResourceCatalog.endpoints, object)
        } else {
            var object: JSON = [
                "apiVersion": "v1", "kind": "Endpoints",
                "metadata": ["name": .string(service.name), "namespace": .string(service.namespace), "labels": .object(labels),
                             "annotations": [Self.triggerAnnotation: .string(Timestamp.format(now))]],
            ]
            if !subsetJSON.isEmpty { object["subsets"] = .array(subsetJSON) }
            store.controllerCreate(ResourceCatalog.endpoints, namespace: service.namespace, object)
        }
    }

    private func writeSlice(_ store: isolated ObjectStore, _ service: StoredObject, pods: [StoredObject], now: Date) {
        let type = ResourceCatalog.endpointSlices
        let existing = store.all(type, namespace: service.namespace).first {
            $0.labels["kubernetes.io/service-name"]?.stringValue == service.name && $0.labels["endpointslice.kubernetes.io/managed-by"]?.stringValue == Self.managedBy
        }
        var slicePorts: [JSON] = []
        var endpoints: [JSON] = []
        for pod in pods.sorted(by: { $0.name < $1.name }) {
            let podPorts = ports(service, pod: pod)
            if slicePorts.isEmpty { slicePorts = podPorts }
            let ready = PodReadiness.isReady(pod.object) && !pod.isTerminating
            var endpoint = JSONObject()
            endpoint["addresses"] = [.string(pod.object.string(at: "status", "podIP") ?? "")]
            endpoint["conditions"] = ["ready": .bool(ready), "serving": .bool(PodReadiness.isReady(pod.object)), "terminating": .bool(pod.isTerminating)]
            if let node = pod.object.string(at: "spec", "nodeName") { endpoint["nodeName"] = .string(node) }
            endpoint["targetRef"] = ["kind": "Pod", "namespace": .string(pod.namespace), "name": .string(pod.name), "uid": .string(pod.uid)]
            endpoints.append(.object(endpoint))
        }
        if slicePorts.isEmpty {
            slicePorts = (service.object.value(at: ["spec", "ports"])?.arrayValue ?? []).compactMap { port in
                var entry = JSONObject()
                if let name = port["name"].stringValue { entry["name"] = .string(name) }
                entry["port"] = port["targetPort"].intValue.map { .int($0) } ?? port["port"]
                entry["protocol"] = port["protocol"].isNull ? "TCP" : port["protocol"]
                return .object(entry)
            }
        }
        var labels = service.object.value(at: ["metadata", "labels"])?.objectValue ?? JSONObject()
        labels["endpointslice.kubernetes.io/managed-by"] = .string(Self.managedBy)
        labels["kubernetes.io/service-name"] = .string(service.name)
        if let existing {
            var object = existing.object
            object["endpoints"] = endpoints.isEmpty ? .null : .array(endpoints)
            object["ports"] = .array(slicePorts)
            object.setValue(.object(labels), at: ["metadata", "labels"])
            if existing.object["endpoints"].semanticallyEquals(object["endpoints"]), existing.object["ports"].semanticallyEquals(object["ports"]),
               existing.labels.semanticallyEquals(labels) { return }
            object.setValue(.string(Timestamp.format(now)), at: ["metadata", "annotations", EndpointsController.triggerAnnotation])
            store.controllerWrite(type, object)
        } else {
            let object: JSON = [
                "apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
                "metadata": [
                    "generateName": .string("\(service.name)-"), "namespace": .string(service.namespace), "labels": .object(labels),
                    "annotations": [Self.triggerAnnotation: .string(Timestamp.format(now))],
                    "ownerReferences": [[
                        "apiVersion": "v1", "kind": "Service", "name": .string(service.name), "uid": .string(service.uid),
                        "controller": true, "blockOwnerDeletion": true,
                    ]],
                ],
                "addressType": "IPv4", "endpoints": endpoints.isEmpty ? .null : .array(endpoints), "ports": .array(slicePorts),
            ]
            store.controllerCreate(type, namespace: service.namespace, object)
        }
    }
}
