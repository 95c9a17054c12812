import Foundation

/// Server-side printing: the `meta.k8s.io/v1 Table` that kubectl asks for
/// (`Accept: application/json;as=Table;v=v1;g=meta.k8s.io`) and prints as its columns.
struct TableConverter {
    let now: Date

    struct Column {
        var name: String
        var type = "string"
        var format = ""
        var priority = 0
    }

    static func wantsTable(_ accept: String?) -> Bool {
        guard let accept else { return false }
        return accept.split(separator: ",").first.map { $0.contains("as=Table") } ?? false
    }

    func columns(_ type: ResourceType) -> [Column] {
        let name = Column(name: "Name", format: "name")
        let age = Column(name: "Age")
        switch type {
        case ResourceCatalog.pods:
            return [name, Column(name: "Ready"), Column(name: "Status"), Column(name: "Restarts"), age,
                    Column(name: "IP", priority: 1), Column(name: "Node", priority: 1),
                    Column(name: "Nominated Node", priority: 1), Column(name: "Readiness Gates", priority: 1)]
        case ResourceCatalog.deployments:
            return [name, Column(name: "Ready"), Column(name: "Up-to-date", type: "integer"), Column(name: "Available", type: "integer"), age,
                    Column(name: "Containers", priority: 1), Column(name: "Images", priority: 1), Column(name: "Selector", priority: 1)]
        case ResourceCatalog.replicaSets:
            return [name, Column(name: "Desired", type: "integer"), Column(name: "Current", type: "integer"), Column(name: "Ready", type: "integer"), age,
                    Column(name: "Containers", priority: 1), Column(name: "Images", priority: 1), Column(name: "Selector", priority: 1)]
        case ResourceCatalog.services:
            return [name, Column(name: "Type"), Column(name: "Cluster-IP"), Column(name: "External-IP"), Column(name: "Port(s)"), age,
                    Column(name: "Selector", priority: 1)]
        case ResourceCatalog.nodes:
            return [name, Column(name: "Status"), Column(name: "Roles"), age, Column(name: "Version"),
                    Column(name: "Internal-IP", priority: 1), Column(name: "External-IP", priority: 1)]
        case ResourceCatalog.namespaces:
            return [name, Column(name: "Status"), age]
        case ResourceCatalog.configMaps, ResourceCatalog.secrets:
            return type == ResourceCatalog.secrets ? [name, Column(name: "Type"), Column(name: "Data", type: "integer"), age]
                : [name, Column(name: "Data", type: "integer"), age]
        case ResourceCatalog.endpoints:
            return [name, Column(name: "Endpoints"), age]
        case ResourceCatalog.endpointSlices:
            return [name, Column(name: "AddressType"), Column(name: "Ports"), Column(name: "Endpoints"), age]
        case ResourceCatalog.leases:
            return [name, Column(name: "Holder"), age]
        case ResourceCatalog.events:
            return [Column(name: "Last Seen"), Column(name: "Type"), Column(name: "Reason"), Column(name: "Object"), Column(name: "Message")]
        default:
            return [name, Column(name: "Created At", format: "date")]
        }
    }

    func table(_ type: ResourceType, objects: [StoredObject], metadata: JSONObject, includeObject: String?) -> JSON {
        var table = JSONObject()
        table["kind"] = "Table"
        table["apiVersion"] = "meta.k8s.io/v1"
        table["metadata"] = .object(metadata)
        table["columnDefinitions"] = .array(columns(type).map { column in
            ["name": .string(column.name), "type": .string(column.type), "format": .string(column.format), "description": "", "priority": .int(column.priority)]
        })
        table["rows"] = .array(objects.map { row(type, $0.object, includeObject: includeObject) })
        return .object(table)
    }

    func row(_ type: ResourceType, _ object: JSON, includeObject: String?) -> JSON {
        let rowObject: JSON
        switch includeObject {
        case "None": rowObject = .null
        case "Object": rowObject = object
        default:
            var metadata = object["metadata"]
            metadata["managedFields"] = .null
            metadata = .object((metadata.objectValue ?? JSONObject()).filteringMembers { !$1.isNull })
            rowObject = ["kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1", "metadata": metadata]
        }
        var row: JSON = ["cells": .array(cells(type, object)), "object": rowObject]
        if rowObject.isNull { row["object"] = .null }
        return row
    }

    private func age(_ object: JSON) -> JSON {
        guard let created = object.string(at: "metadata", "creationTimestamp").flatMap(Timestamp.parse) else { return "<unknown>" }
        return .string(HumanDuration.format(now.timeIntervalSince(created)))
    }

    private func selectorText(_ selector: JSON?) -> String {
        guard let selector, let parsed = try? LabelSelector.fromObject(selector) else { return "<none>" }
        return parsed.text.isEmpty ? "<none>" : parsed.text
    }

    func cells(_ type: ResourceType, _ object: JSON) -> [JSON] {
        let name = JSON.string(object.string(at: "metadata", "name") ?? "")
        let age = self.age(object)
        let int: (String...) -> JSON = { path in .int(object.value(at: path)?.intValue ?? 0) }
        switch type {
        case ResourceCatalog.pods:
            let statuses = object.value(at: ["status", "containerStatuses"])?.arrayValue ?? []
            let total = object.value(at: ["spec", "containers"])?.arrayValue?.count ?? 0
            let ready = statuses.filter { $0["ready"].boolValue == true }.count
            let restarts = statuses.reduce(0) { $0 + ($1["restartCount"].intValue ?? 0) }
            return [name, .string("\(ready)/\(total)"), .string(PodStatusText.reason(object)), .int(restarts), age,
                    .string(object.string(at: "status", "podIP") ?? "<none>"), .string(object.string(at: "spec", "nodeName") ?? "<none>"),
                    "<none>", "<none>"]
        case ResourceCatalog.deployments, ResourceCatalog.replicaSets:
            let containers = object.value(at: ["spec", "template", "spec", "containers"])?.arrayValue ?? []
            let names = JSON.string(containers.compactMap { $0["name"].stringValue }.joined(separator: ","))
            let images = JSON.string(containers.compactMap { $0["image"].stringValue }.joined(separator: ","))
            let selector = JSON.string(selectorText(object.value(at: ["spec", "selector"])))
            if type == ResourceCatalog.deployments {
                let ready = object.int(at: "status", "readyReplicas") ?? 0
                let desired = object.int(at: "spec", "replicas") ?? 0
                return [name, .string("\(ready)/\(desired)"), int("status", "updatedReplicas"), int("status", "availableReplicas"), age, names, images, selector]
            }
            return [name, int("spec", "replicas"), int("status", "replicas"), int("status", "readyReplicas"), age, names, images, selector]
        case ResourceCatalog.services:
            let ports = (object.value(at: ["spec", "ports"])?.arrayValue ?? []).map { port -> String in
                let number = port["port"].intValue ?? 0
                let node = port["nodePort"].intValue.map { ":\($0)" } ?? ""
                return "\(number)\(node)/\(port["protocol"].stringValue ?? "TCP")"
            }
            let selector = (object.value(at: ["spec", "selector"])?.objectValue ?? JSONObject()).map { "\($0.key)=\($0.value.stringValue ?? "")" }.sorted()
            let external = object.string(at: "spec", "type") == "LoadBalancer" ? "<pending>" : "<none>"
            return [name, .string(object.string(at: "spec", "type") ?? "ClusterIP"), .string(object.string(at: "spec", "clusterIP") ?? "<none>"),
                    .string(external), .string(ports.isEmpty ? "<none>" : ports.joined(separator: ",")), age,
                    .string(selector.isEmpty ? "<none>" : selector.joined(separator: ","))]
        case ResourceCatalog.nodes:
            let readyCondition = (object.value(at: ["status", "conditions"])?.arrayValue ?? []).first { $0["type"].stringValue == "Ready" }
            var status = readyCondition?["status"].stringValue == "True" ? "Ready" : "NotReady"
            if object.value(at: ["spec", "unschedulable"])?.boolValue == true { status += ",SchedulingDisabled" }
            let roles = (object.value(at: ["metadata", "labels"])?.objectValue ?? JSONObject()).keys
                .filter { $0.hasPrefix("node-role.kubernetes.io/") }.map { String($0.dropFirst("node-role.kubernetes.io/".count)) }
            let address = (object.value(at: ["status", "addresses"])?.arrayValue ?? []).first { $0["type"].stringValue == "InternalIP" }?["address"].stringValue
            return [name, .string(status), .string(roles.isEmpty ? "<none>" : roles.sorted().joined(separator: ",")), age,
                    .string(object.string(at: "status", "nodeInfo", "kubeletVersion") ?? ""), .string(address ?? "<none>"), "<none>"]
        case ResourceCatalog.namespaces:
            return [name, .string(object.string(at: "status", "phase") ?? "Active"), age]
        case ResourceCatalog.configMaps:
            let count = (object["data"].objectValue?.count ?? 0) + (object["binaryData"].objectValue?.count ?? 0)
            return [name, .int(count), age]
        case ResourceCatalog.secrets:
            return [name, .string(object["type"].stringValue ?? "Opaque"), .int(object["data"].objectValue?.count ?? 0), age]
        case ResourceCatalog.endpoints:
            var addresses: [String] = []
            for subset in object["subsets"].arrayValue ?? [] {
                let ports = (subset["ports"].arrayValue ?? []).compactMap(\.["port"].intValue)
                for address in subset["addresses"].arrayValue ?? [] {
                    let ip = address["ip"].stringValue ?? ""
                    addresses += ports.isEmpty ? [ip] : ports.map { "\(ip):\($0)" }
                }
            }
            let shown = addresses.prefix(3).joined(separator: ",") + (addresses.count > 3 ? " + \(addresses.count - 3) more..." : "")
            return [name, .string(addresses.isEmpty ? "<none>" : shown), age]
        case ResourceCatalog.endpointSlices:
            let ports = (object["ports"].arrayValue ?? []).compactMap { $0["port"].intValue.map(String.init) }
            let ips = (object["endpoints"].arrayValue ?? []).flatMap { ($0["addresses"].arrayValue ?? []).compactMap(\.stringValue) }
            return [name, .string(object["addressType"].stringValue ?? "IPv4"), .string(ports.isEmpty ? "<unset>" : ports.joined(separator: ",")),
                    .string(ips.isEmpty ? "<unset>" : ips.prefix(3).joined(separator: ",") + (ips.count > 3 ? " + \(ips.count - 3) more..." : "")), age]
        case ResourceCatalog.leases:
            return [name, .string(object.string(at: "spec", "holderIdentity") ?? ""), age]
        case ResourceCatalog.events:
            let last = object.string(at: "lastTimestamp").flatMap(Timestamp.parse) ?? object.string(at: "eventTime").flatMap(Timestamp.parse)
            let seen = last.map { HumanDuration.format(now.timeIntervalSince($0)) } ?? "<unknown>"
            let involved = "\((object.string(at: "involvedObject", "kind") ?? "").lowercased())/\(object.string(at: "involvedObject", "name") ?? "")"
            return [.string(seen), .string(object.string(at: "type") ?? ""), .string(object.string(at: "reason") ?? ""), .string(involved),
                    .string(object.string(at: "message") ?? "")]
        default:
            return [name, object.value(at: ["metadata", "creationTimestamp"]) ?? .null]
        }
    }
}
