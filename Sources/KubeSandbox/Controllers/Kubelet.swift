import Crypto
import Foundation

/// The kubelet stand-in: pods bound to a node get an IP and become Running and Ready after
/// `readyAfter`; images matching an ``ImageRule`` fail to pull (ErrImagePull, ImagePullBackOff),
/// crash (CrashLoopBackOff with restart counts) or never become ready. Pods on a NotReady node
/// are reported not ready. Deleted pods are removed once terminated.
struct Kubelet {
    let settings: ControllerSettings
    let pods = ResourceCatalog.pods

    func sync(_ store: isolated ObjectStore, now: Date) -> Date? {
        var wake: Date?
        let nodes = Dictionary(store.all(ResourceCatalog.nodes).map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        for pod in store.all(pods) {
            guard let nodeName = pod.object.string(at: "spec", "nodeName") else { continue }
            if pod.isTerminating {
                let seen = store.controllerState.podStartedAt["terminating:\(pod.uid)"] ?? now
                store.controllerState.podStartedAt["terminating:\(pod.uid)"] = seen
                let due = seen.addingTimeInterval(settings.terminationDelay.seconds)
                if due <= now {
                    store.controllerState.podStartedAt["terminating:\(pod.uid)"] = nil
                    store.controllerState.podStartedAt[pod.uid] = nil
                    if (pod.object.value(at: ["metadata", "finalizers"])?.arrayValue ?? []).isEmpty {
                        store.remove(pods, pod)
                    }
                } else {
                    wake = min(wake ?? due, due)
                }
                continue
            }
            let phase = pod.object.string(at: "status", "phase")
            if phase == "Succeeded" || phase == "Failed" { continue }
            let started = store.controllerState.podStartedAt[pod.uid] ?? now
            store.controllerState.podStartedAt[pod.uid] = started
            let nodeReady = nodes[nodeName].map { Conditions.find($0.object["status"], "Ready")?["status"].stringValue == "True" } ?? false
            if let next = update(store, pod, node: nodes[nodeName], nodeReady: nodeReady, started: started, now: now) {
                wake = min(wake ?? next, next)
            }
        }
        return wake
    }

    private static func hex(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(zeroPadded: $0, width: 2, radix: 16) }.joined()
    }

    private static func qualified(_ image: String) -> String {
        let first = image.split(separator: "/").first.map(String.init) ?? image
        if image.contains("/"), first.contains(".") || first.contains(":") || first == "localhost" { return image }
        return image.contains("/") ? "docker.io/\(image)" : "docker.io/library/\(image)"
    }

    private func update(_ store: isolated ObjectStore, _ pod: StoredObject, node: StoredObject?, nodeReady: Bool, started: Date, now: Date) -> Date? {
        var object = pod.object
        var status = object["status"]
        let readyAt = started.addingTimeInterval(settings.readyAfter.seconds)
        let backOff = max(settings.backOff.seconds, 0.01)
        var wake: Date?
        if status["podIP"].isNull, let node {
            let index = (store.controllerState.nextPodIP[node.name] ?? 1) + 1
            store.controllerState.nextPodIP[node.name] = index
            let subnet = (node.object.string(at: "spec", "podCIDR") ?? "10.244.0.0/24").split(separator: ".").prefix(3).joined(separator: ".")
            let ip = "\(subnet).\(index % 254 + 1)"
            status["podIP"] = .string(ip)
            status["podIPs"] = [["ip": .string(ip)]]
            let hostIP =
                (node.object.value(at: ["status", "addresses"])?.arrayValue ?? []).first { $0["type"].stringValue == "InternalIP" }?["address"]
                ?? .null
            status["hostIP"] = hostIP
            status["hostIPs"] = [["ip": hostIP]]
            status["startTime"] = .string(Timestamp.format(started))
        }
        var allReady = true
        var allStarted = true
        var statuses: [JSON] = []
        var events: [(String, String, String)] = []
        for container in object.value(at: ["spec", "containers"])?.arrayValue ?? [] {
            let name = container["name"].stringValue ?? ""
            let image = container["image"].stringValue ?? ""
            let behaviour = settings.behaviour(for: image)
            let containerID = "containerd://" + Self.hex("\(pod.uid)/\(name)")
            let imageID = "\(Self.qualified(image).split(separator: ":").first ?? "")@sha256:" + Self.hex(image)
            var entry = JSONObject()
            entry["name"] = .string(name)
            entry["image"] = .string(Self.qualified(image))
            entry["imageID"] = ""
            entry["lastState"] = .object(JSONObject())
            entry["ready"] = false
            entry["restartCount"] = 0
            entry["started"] = false
            if now < readyAt {
                entry["state"] = ["waiting": ["reason": "ContainerCreating"]]
                allReady = false
                allStarted = false
                wake = readyAt
            } else {
                let cycle = Int((now.timeIntervalSince(readyAt)) / backOff)
                let nextCycle = readyAt.addingTimeInterval(Double(cycle + 1) * backOff)
                switch behaviour {
                case .pullFailure?:
                    let qualifiedImage = Self.qualified(image)
                    if cycle % 2 == 0 {
                        entry["state"] = [
                            "waiting": [
                                "reason": "ErrImagePull",
                                "message": .string(
                                    "failed to pull and unpack image \"\(qualifiedImage)\": failed to resolve reference \"\(qualifiedImage)\": \(qualifiedImage): not found"
                                ),
                            ]
                        ]
                        events.append(
                            ("Failed", "Failed to pull image \"\(image)\": failed to resolve reference \"\(qualifiedImage)\": not found", "Warning"))
                    } else {
                        entry["state"] = ["waiting": ["reason": "ImagePullBackOff", "message": .string("Back-off pulling image \"\(image)\"")]]
                        events.append(("BackOff", "Back-off pulling image \"\(image)\"", "Warning"))
                    }
                    allReady = false
                    allStarted = false
                    wake = min(wake ?? nextCycle, nextCycle)
                case .crashLoop?:
                    entry["imageID"] = .string(imageID)
                    entry["containerID"] = .string(containerID)
                    entry["restartCount"] = .int(cycle + 1)
                    let lastStart = readyAt.addingTimeInterval(Double(cycle) * backOff)
                    entry["lastState"] = [
                        "terminated": [
                            "exitCode": 1, "reason": "Error", "startedAt": .string(Timestamp.format(lastStart)),
                            "finishedAt": .string(Timestamp.format(lastStart)), "containerID": .string(containerID),
                        ]
                    ]
                    let delay = min(300, 10 << min(cycle, 5))
                    entry["state"] = [
                        "waiting": [
                            "reason": "CrashLoopBackOff",
                            "message": .string(
                                "back-off \(HumanDuration.format(TimeInterval(delay))) restarting failed container=\(name) pod=\(pod.name)_\(pod.namespace)(\(pod.uid))"
                            ),
                        ]
                    ]
                    events.append(
                        ("BackOff", "Back-off restarting failed container \(name) in pod \(pod.name)_\(pod.namespace)(\(pod.uid))", "Warning"))
                    allReady = false
                    wake = min(wake ?? nextCycle, nextCycle)
                case .neverReady?, nil:
                    entry["imageID"] = .string(imageID)
                    entry["containerID"] = .string(containerID)
                    entry["state"] = ["running": ["startedAt": .string(Timestamp.format(readyAt))]]
                    entry["started"] = true
                    let ready = behaviour == nil && nodeReady
                    entry["ready"] = .bool(ready)
                    if !ready { allReady = false }
                    if behaviour == .neverReady {
                        events.append(("Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 503", "Warning"))
                    }
                }
            }
            statuses.append(.object(entry))
        }
        if !nodeReady { allReady = false }
        status["containerStatuses"] = .array(statuses)
        status["phase"] = allStarted ? "Running" : "Pending"
        var conditions = status["conditions"].arrayValue ?? []
        Conditions.setPod(&conditions, type: "PodReadyToStartContainers", status: "True", now: now)
        Conditions.setPod(&conditions, type: "Initialized", status: "True", now: now)
        let unready = statuses.filter { $0["ready"].boolValue != true }.compactMap { $0["name"].stringValue }
        let message = "containers with unready status: [\(unready.joined(separator: " "))]"
        if allReady {
            Conditions.setPod(&conditions, type: "Ready", status: "True", now: now)
            Conditions.setPod(&conditions, type: "ContainersReady", status: "True", now: now)
        } else {
            Conditions.setPod(
                &conditions, type: "Ready", status: "False", reason: unready.isEmpty ? "NodeNotReady" : "ContainersNotReady",
                message: unready.isEmpty ? "node \(node?.name ?? "") is not ready" : message, now: now)
            Conditions.setPod(
                &conditions, type: "ContainersReady", status: unready.isEmpty ? "True" : "False",
                reason: unready.isEmpty ? nil : "ContainersNotReady", message: unready.isEmpty ? nil : message, now: now)
        }
        let order = ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"]
        conditions.sort { (order.firstIndex(of: $0["type"].stringValue ?? "") ?? 9) < (order.firstIndex(of: $1["type"].stringValue ?? "") ?? 9) }
        status["conditions"] = .array(conditions)
        object["status"] = status
        let wasReady = PodReadiness.isReady(pod.object)
        if let stored = store.controllerWrite(pods, object), stored.resourceVersion != pod.resourceVersion {
            let host = node?.name
            for (reason, message, type) in events {
                store.recordEvent(
                    about: stored, kind: "Pod", apiVersion: "v1", reason: reason, message: message, type: type, component: "kubelet", host: host)
            }
            if !wasReady, allReady {
                for container in object.value(at: ["spec", "containers"])?.arrayValue ?? [] {
                    let name = container["name"].stringValue ?? ""
                    store.recordEvent(
                        about: stored, kind: "Pod", apiVersion: "v1", reason: "Pulled",
                        message: "Container image \"\(container["image"].stringValue ?? "")\" already present on machine", component: "kubelet",
                        host: host)
                    store.recordEvent(
                        about: stored, kind: "Pod", apiVersion: "v1", reason: "Created", message: "Created container \(name)", component: "kubelet",
                        host: host)
                    store.recordEvent(
                        about: stored, kind: "Pod", apiVersion: "v1", reason: "Started", message: "Started container \(name)", component: "kubelet",
                        host: host)
                }
            }
        }
        return wake
    }
}
