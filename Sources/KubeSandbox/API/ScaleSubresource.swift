/// The `autoscaling/v1 Scale` view of a Deployment or ReplicaSet (what `kubectl scale` reads and patches).
enum ScaleSubresource {
    static func scale(of object: JSON, type: ResourceType) -> JSON {
        var metadata = JSONObject()
        for key in ["name", "namespace", "uid", "resourceVersion", "creationTimestamp"] {
            if let value = object.value(at: ["metadata", key]) { metadata[key] = value }
        }
        let selector = (try? LabelSelector.fromObject(object.value(at: ["spec", "selector"])))?.text ?? ""
        return [
            "kind": "Scale", "apiVersion": "autoscaling/v1", "metadata": .object(metadata),
            "spec": ["replicas": .int(object.int(at: "spec", "replicas") ?? 0)],
            "status": ["replicas": .int(object.int(at: "status", "replicas") ?? 0), "selector": .string(selector)],
        ]
    }
}
