import Foundation

extension ObjectStore {
    /// Records a core/v1 Event about an object, aggregating repeats into `count`, as the real
    /// event recorder does.
    func recordEvent(
        about object: StoredObject, kind: String, apiVersion: String, reason: String, message: String,
        type: String = "Normal", component: String, host: String? = nil
    ) {
        let namespace = object.namespace.isEmpty ? "default" : object.namespace
        let key = "\(object.uid)|\(reason)|\(message)"
        let stamp = Timestamp.format(now())
        if let name = controllerState.eventNames[key], let existing = get(ResourceCatalog.events, namespace: namespace, name: name) {
            var event = existing.object
            event["count"] = .int((event["count"].intValue ?? 1) + 1)
            event["lastTimestamp"] = .string(stamp)
            controllerWrite(ResourceCatalog.events, event)
            return
        }
        let name = "\(object.name).\(String(zeroPadded: UInt64.random(in: 0...UInt64.max, using: &random), width: 16, radix: 16))"
        var source: JSON = ["component": .string(component)]
        if let host { source["host"] = .string(host) }
        var involved: JSON = [
            "kind": .string(kind), "namespace": .string(object.namespace), "name": .string(object.name),
            "uid": .string(object.uid), "apiVersion": .string(apiVersion), "resourceVersion": .string(String(object.resourceVersion)),
        ]
        if object.namespace.isEmpty { involved["namespace"] = .null }
        involved = .object((involved.objectValue ?? JSONObject()).filteringMembers { !$1.isNull })
        let event: JSON = [
            "metadata": ["name": .string(name), "namespace": .string(namespace)],
            "involvedObject": involved, "reason": .string(reason), "message": .string(message), "source": source,
            "firstTimestamp": .string(stamp), "lastTimestamp": .string(stamp), "count": 1, "type": .string(type),
            "eventTime": nil, "reportingComponent": .string(component), "reportingInstance": "",
        ]
        if controllerCreate(ResourceCatalog.events, namespace: namespace, event) != nil {
            controllerState.eventNames[key] = name
        }
    }
}
