import Foundation

/// The scheduler: binds pending pods to Ready, schedulable nodes with room for them (pod count,
/// CPU and memory requests, `nodeSelector`), spreading them; pods that fit nowhere get
/// `PodScheduled=False/Unschedulable` and a FailedScheduling event, as on a real cluster.
struct Scheduler {
    let pods = ResourceCatalog.pods

    struct NodeRoom {
        var node: StoredObject
        var ready: Bool
        var schedulable: Bool
        var pods: Int
        var cpu: Double
        var memory: Double
        var maxPods: Int
        var maxCPU: Double
        var maxMemory: Double
    }

    func sync(_ store: isolated ObjectStore, now: Date) {
        let pending = store.all(pods).filter { pod in
            pod.object.string(at: "spec", "nodeName") == nil && !pod.isTerminating
                && (pod.object.string(at: "spec", "schedulerName") ?? "default-scheduler") == "default-scheduler"
        }
        guard !pending.isEmpty else { return }
        var rooms = store.all(ResourceCatalog.nodes).map { node -> NodeRoom in
            let allocatable = node.object.value(at: ["status", "allocatable"]) ?? .null
            let ready = Conditions.find(node.object["status"], "Ready")?["status"].stringValue == "True"
            return NodeRoom(node: node, ready: ready, schedulable: node.object.value(at: ["spec", "unschedulable"])?.boolValue != true,
                            pods: 0, cpu: 0, memory: 0, maxPods: Int(Quantity.parse(allocatable["pods"]) ?? 110),
                            maxCPU: Quantity.parse(allocatable["cpu"]) ?? .infinity, maxMemory: Quantity.parse(allocatable["memory"]) ?? .infinity)
        }
        for pod in store.all(pods) where pod.object.string(at: "spec", "nodeName") != nil && PodReadiness.isActive(pod) {
            if let index = rooms.firstIndex(where: { $0.node.name == pod.object.string(at: "spec", "nodeName") }) {
                rooms[index].pods += 1
                rooms[index].cpu += Quantity.podRequest(pod.object, "cpu")
                rooms[index].memory += Quantity.podRequest(pod.object, "memory")
            }
        }
        for pod in pending.sorted(by: { ($0.object.string(at: "metadata", "creationTimestamp") ?? "", $0.name) < ($1.object.string(at: "metadata", "creationTimestamp") ?? "", $1.name) }) {
            let cpu = Quantity.podRequest(pod.object, "cpu")
            let memory = Quantity.podRequest(pod.object, "memory")
            let selector = pod.object.value(at: ["spec", "nodeSelector"])?.objectValue ?? JSONObject()
            var reasons: [String: Int] = [:]
            var best: Int?
            for (index, room) in rooms.enumerated() {
                var fits = true
                if !room.ready {
                    reasons["node(s) had untolerated taint {node.kubernetes.io/not-ready: }", default: 0] += 1
                    fits = false
                } else if !room.schedulable {
                    reasons["node(s) were unschedulable", default: 0] += 1
                    fits = false
                } else if !selector.allSatisfy({ room.node.labels[$0.key] == $0.value }) {
                    reasons["node(s) didn't match Pod's node affinity/selector", default: 0] += 1
                    fits = false
                } else {
                    if room.pods + 1 > room.maxPods { reasons["Too many pods", default: 0] += 1; fits = false }
                    if room.cpu + cpu > room.maxCPU + 1e-9 { reasons["Insufficient cpu", default: 0] += 1; fits = false }
                    if room.memory + memory > room.maxMemory + 0.5 { reasons["Insufficient memory", default: 0] += 1; fits = false }
                }
                if fits, best == nil || (room.pods, room.node.name) < (rooms[best!].pods, rooms[best!].node.name) { best = index }
            }
            var object = pod.object
            var conditions = object.value(at: ["status", "conditions"])?.arrayValue ?? []
            if let best {
                let node = rooms[best].node
                rooms[best].pods += 1
                rooms[best].cpu += cpu
                rooms[best].memory += memory
                object.setValue(.string(node.name), at: ["spec", "nodeName"])
                Conditions.setPod(&conditions, type: "PodScheduled", status: "True", now: now)
                object.setValue(.array(conditions), at: ["status", "conditions"])
                if let stored = store.controllerWrite(pods, object) {
                    store.recordEvent(about: stored, kind: "Pod", apiVersion: "v1", reason: "Scheduled",
                                      message: "Successfully assigned \(pod.namespace)/\(pod.name) to \(node.name)", component: "default-scheduler")
                }
            } else {
                let total = rooms.count
                let detail = reasons.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
                let message = total == 0
                    ? "no nodes available to schedule pods"
                    : "0/\(total) nodes are available: \(detail). preemption: 0/\(total) nodes are available: \(total) No preemption victims found for incoming pod."
                Conditions.setPod(&conditions, type: "PodScheduled", status: "False", reason: "Unschedulable", message: message, now: now)
                object.setValue(.array(conditions), at: ["status", "conditions"])
                if let stored = store.controllerWrite(pods, object), stored.resourceVersion != pod.resourceVersion {
                    store.recordEvent(about: stored, kind: "Pod", apiVersion: "v1", reason: "FailedScheduling", message: message,
                                      type: "Warning", component: "default-scheduler")
                }
            }
        }
    }
}
