import Foundation

extension ObjectStore {
    /// Resources whose changes the controllers react to.
    static let watchedByControllers: Set<String> = ["namespaces", "nodes", "pods", "services", "deployments", "replicasets"]

    /// One pass of every controller, repeated while they still change something (a new
    /// Deployment becomes a ReplicaSet, then Pods, then bindings, within one pass). Returns when
    /// the next timed change is due (readiness, back-off, progress deadline).
    func runControllers(_ settings: ControllerSettings) -> Date? {
        inControllerPass = true
        defer { inControllerPass = false }
        var wake: Date?
        for _ in 0..<12 {
            writesInPass = 0
            wake = nil
            let now = self.now()
            func merge(_ next: Date?) { if let next { wake = min(wake ?? next, next) } }
            NamespaceController().sync(self)
            GarbageCollector().sync(self)
            merge(DeploymentController().sync(self, now: now))
            merge(ReplicaSetController().sync(self, now: now))
            Scheduler().sync(self, now: now)
            merge(Kubelet(settings: settings).sync(self, now: now))
            EndpointsController().sync(self, now: now)
            if writesInPass == 0, pendingCollection.isEmpty { break }
        }
        if !pendingFinalization.isEmpty {
            let soon = now().addingTimeInterval(0.1)
            wake = min(wake ?? soon, soon)
        }
        return wake
    }

    /// Creates the objects every cluster has: namespaces, nodes, the `kubernetes` Service.
    func bootstrap(nodes: [NodeSpec], kubeletVersion: String, serverPort: Int) {
        for name in ["default", "kube-system", "kube-public", "kube-node-lease"] {
            _ = controllerCreate(ResourceCatalog.namespaces, namespace: "", ["metadata": ["name": .string(name)]])
        }
        for (index, spec) in nodes.enumerated() {
            var labels = JSONObject()
            labels["beta.kubernetes.io/arch"] = "amd64"
            labels["beta.kubernetes.io/os"] = "linux"
            labels["kubernetes.io/arch"] = "amd64"
            labels["kubernetes.io/hostname"] = .string(spec.name)
            labels["kubernetes.io/os"] = "linux"
            for (key, value) in spec.labels.sorted(by: { $0.key < $1.key }) { labels[key] = .string(value) }
            let resources: JSON = ["cpu": .string(spec.cpu), "ephemeral-storage": "100Gi", "memory": .string(spec.memory), "pods": .string(String(spec.pods))]
            let stamp = Timestamp.format(now())
            func condition(_ type: String, _ status: String, _ reason: String, _ message: String) -> JSON {
                ["type": .string(type), "status": .string(status), "lastHeartbeatTime": .string(stamp), "lastTransitionTime": .string(stamp),
                 "reason": .string(reason), "message": .string(message)]
            }
            let node: JSON = [
                "metadata": ["name": .string(spec.name), "labels": .object(labels),
                             "annotations": ["node.alpha.kubernetes.io/ttl": "0", "volumes.kubernetes.io/controller-managed-attach-detach": "true"]],
                "spec": ["podCIDR": .string("10.244.\(index).0/24"), "podCIDRs": [.string("10.244.\(index).0/24")],
                         "providerID": .string("sandbox://\(spec.name)")],
                "status": [
                    "capacity": resources, "allocatable": resources,
                    "conditions": [
                        condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                        condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                        condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
                        condition("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
                    ],
                    "addresses": [["type": "InternalIP", "address": .string("172.18.0.\(index + 2)")], ["type": "Hostname", "address": .string(spec.name)]],
                    "daemonEndpoints": ["kubeletEndpoint": ["Port": 10250]],
                    "nodeInfo": [
                        "machineID": .string(String(repeating: "\(index % 10)", count: 32)), "systemUUID": .string(UUID().uuidString.lowercased()),
                        "bootID": .string(UUID().uuidString.lowercased()), "kernelVersion": "6.1.0-sandbox", "osImage": "Debian GNU/Linux 12 (bookworm)",
                        "containerRuntimeVersion": "containerd://1.7.18", "kubeletVersion": .string(kubeletVersion),
                        "kubeProxyVersion": .string(kubeletVersion), "operatingSystem": "linux", "architecture": "amd64",
                    ],
                ],
            ]
            _ = controllerCreate(ResourceCatalog.nodes, namespace: "", node)
        }
        _ = controllerCreate(ResourceCatalog.services, namespace: "default", [
            "metadata": ["name": "kubernetes", "labels": ["component": "apiserver", "provider": "kubernetes"]],
            "spec": ["clusterIP": "10.96.0.1", "ports": [["name": "https", "port": 443, "protocol": "TCP", "targetPort": .int(serverPort)]]],
        ])
        _ = controllerCreate(ResourceCatalog.endpoints, namespace: "default", [
            "metadata": ["name": "kubernetes", "labels": ["endpointslice.kubernetes.io/skip-mirror": "true"]],
            "subsets": [["addresses": [["ip": "127.0.0.1"]], "ports": [["name": "https", "port": .int(serverPort), "protocol": "TCP"]]]],
        ])
        for name in ["default", "kube-system", "kube-public", "kube-node-lease"] {
            _ = controllerCreate(ResourceCatalog.serviceAccounts, namespace: name, ["metadata": ["name": "default"]])
        }
    }

    /// Marks a node Ready or NotReady (with the `node.kubernetes.io/not-ready` taint), as the
    /// node lifecycle controller does when a kubelet stops reporting.
    func setNodeReady(name: String, ready: Bool) throws {
        guard let node = get(ResourceCatalog.nodes, namespace: "", name: name) else { throw APIError.notFound(ResourceCatalog.nodes, name) }
        var object = node.object
        var status = object["status"]
        let stamp = Timestamp.format(now())
        var conditions = status["conditions"].arrayValue ?? []
        if let index = conditions.firstIndex(where: { $0["type"].stringValue == "Ready" }) {
            let wasReady = conditions[index]["status"].stringValue == "True"
            conditions[index]["status"] = ready ? "True" : "Unknown"
            conditions[index]["reason"] = ready ? "KubeletReady" : "NodeStatusUnknown"
            conditions[index]["message"] = ready ? "kubelet is posting ready status" : "Kubelet stopped posting node status."
            conditions[index]["lastHeartbeatTime"] = .string(stamp)
            if wasReady != ready { conditions[index]["lastTransitionTime"] = .string(stamp) }
        }
        status["conditions"] = .array(conditions)
        object["status"] = status
        var taints = (object.value(at: ["spec", "taints"])?.arrayValue ?? []).filter { $0["key"].stringValue != "node.kubernetes.io/not-ready" }
        if !ready {
            taints.append(["key": "node.kubernetes.io/not-ready", "effect": "NoSchedule", "timeAdded": .string(stamp)])
        }
        object.setValue(taints.isEmpty ? nil : .array(taints), at: ["spec", "taints"])
        controllerWrite(ResourceCatalog.nodes, object)
    }
}
