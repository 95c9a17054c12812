/// The defaults the real API server fills in when it decodes an object, for the kinds where
/// clients (kubectl's table columns, rollout status, our controllers) rely on them.
enum ObjectDefaults {
    static func apply(_ type: ResourceType, to object: inout JSON) {
        switch type {
        case ResourceCatalog.deployments: deployment(&object)
        case ResourceCatalog.replicaSets: replicaSet(&object)
        case ResourceCatalog.pods: podSpec(&object, at: ["spec"])
        case ResourceCatalog.services: service(&object)
        case ResourceCatalog.namespaces:
            if object.value(at: ["spec", "finalizers"]) == nil { object.setValue(["kubernetes"], at: ["spec", "finalizers"]) }
            if object.value(at: ["status", "phase"]) == nil { object.setValue("Active", at: ["status", "phase"]) }
        case ResourceCatalog.secrets:
            if object["type"].isNull { object["type"] = "Opaque" }
        default: break
        }
        // Every namespace carries its name as a label, as the real server ensures.
        if type == ResourceCatalog.namespaces, let name = object.string(at: "metadata", "name") {
            object.setValue(.string(name), at: ["metadata", "labels", "kubernetes.io/metadata.name"])
        }
    }

    private static func setIfMissing(_ object: inout JSON, _ path: [String], _ value: JSON) {
        if object.value(at: path) == nil || object.value(at: path)?.isNull == true { object.setValue(value, at: path) }
    }

    static func deployment(_ object: inout JSON) {
        setIfMissing(&object, ["spec", "replicas"], 1)
        setIfMissing(&object, ["spec", "revisionHistoryLimit"], 10)
        setIfMissing(&object, ["spec", "progressDeadlineSeconds"], 600)
        setIfMissing(&object, ["spec", "strategy", "type"], "RollingUpdate")
        if object.string(at: "spec", "strategy", "type") == "RollingUpdate" {
            setIfMissing(&object, ["spec", "strategy", "rollingUpdate", "maxUnavailable"], "25%")
            setIfMissing(&object, ["spec", "strategy", "rollingUpdate", "maxSurge"], "25%")
        }
        podSpec(&object, at: ["spec", "template", "spec"])
    }

    static func replicaSet(_ object: inout JSON) {
        setIfMissing(&object, ["spec", "replicas"], 1)
        podSpec(&object, at: ["spec", "template", "spec"])
    }

    static func podSpec(_ object: inout JSON, at path: [String]) {
        guard var spec = object.value(at: path), spec.objectValue != nil else { return }
        setIfMissing(&spec, ["restartPolicy"], "Always")
        setIfMissing(&spec, ["terminationGracePeriodSeconds"], 30)
        setIfMissing(&spec, ["dnsPolicy"], "ClusterFirst")
        setIfMissing(&spec, ["securityContext"], .object(JSONObject()))
        setIfMissing(&spec, ["schedulerName"], "default-scheduler")
        for field in ["containers", "initContainers"] {
            guard var containers = spec[field].arrayValue else { continue }
            for index in containers.indices {
                var container = containers[index]
                setIfMissing(&container, ["terminationMessagePath"], "/dev/termination-log")
                setIfMissing(&container, ["terminationMessagePolicy"], "File")
                setIfMissing(&container, ["resources"], .object(JSONObject()))
                let image = container["image"].stringValue ?? ""
                let tag = image.split(separator: "@").first.map { String($0.split(separator: "/").last ?? "") } ?? ""
                let latest = !image.contains("@") && (!tag.contains(":") || tag.hasSuffix(":latest"))
                setIfMissing(&container, ["imagePullPolicy"], latest ? "Always" : "IfNotPresent")
                if var ports = container["ports"].arrayValue {
                    for portIndex in ports.indices { setIfMissing(&ports[portIndex], ["protocol"], "TCP") }
                    container["ports"] = .array(ports)
                }
                containers[index] = container
            }
            spec[field] = .array(containers)
        }
        object.setValue(spec, at: path)
    }

    static func service(_ object: inout JSON) {
        setIfMissing(&object, ["spec", "type"], "ClusterIP")
        setIfMissing(&object, ["spec", "sessionAffinity"], "None")
        if object.string(at: "spec", "type") != "ExternalName" {
            setIfMissing(&object, ["spec", "ipFamilies"], ["IPv4"])
            setIfMissing(&object, ["spec", "ipFamilyPolicy"], "SingleStack")
            setIfMissing(&object, ["spec", "internalTrafficPolicy"], "Cluster")
        }
        if var ports = object.value(at: ["spec", "ports"])?.arrayValue {
            for index in ports.indices {
                setIfMissing(&ports[index], ["protocol"], "TCP")
                if ports[index]["targetPort"].isNull, let port = ports[index]["port"].intValue {
                    ports[index]["targetPort"] = .int(port)
                }
            }
            object.setValue(.array(ports), at: ["spec", "ports"])
        }
        setIfMissing(&object, ["status", "loadBalancer"], .object(JSONObject()))
    }
}
