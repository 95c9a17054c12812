/// The validation the real API server does for the fields our users get wrong most, answered as
/// `Invalid` with causes worded like the real ones.
enum ObjectValidation {
    static let subdomainMessage = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
    static let labelMessage = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
    static let serviceNameMessage = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"

    static func isLabel(_ text: String) -> Bool {
        guard !text.isEmpty, text.count <= 63 else { return false }
        let characters = Array(text.utf8)
        let valid = characters.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D }
        return valid && characters.first != 0x2D && characters.last != 0x2D
    }

    static func isSubdomain(_ text: String) -> Bool {
        guard text.count <= 253 else { return false }
        return text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { isLabel(String($0)) }
    }

    /// The problems of an object about to be stored (empty when it is valid).
    static func validate(_ type: ResourceType, _ object: JSON, old: JSON?) -> [APIError.Cause] {
        var causes: [APIError.Cause] = []
        let name = object.string(at: "metadata", "name") ?? ""
        if old == nil {
            switch type {
            case ResourceCatalog.namespaces:
                if !isLabel(name) { causes.append(APIError.invalidValue("metadata.name", "\"\(name)\"", labelMessage)) }
            case ResourceCatalog.services:
                if !isLabel(name) || !(name.first?.isLetter ?? false) {
                    causes.append(APIError.invalidValue("metadata.name", "\"\(name)\"", serviceNameMessage))
                }
            default:
                if !isSubdomain(name) { causes.append(APIError.invalidValue("metadata.name", "\"\(name)\"", subdomainMessage)) }
            }
        }
        for (key, value) in object.value(at: ["metadata", "labels"])?.objectValue ?? JSONObject() {
            guard let text = value.stringValue else {
                causes.append(APIError.invalidValue("metadata.labels", "\(value)", "label values must be strings"))
                continue
            }
            if text.count > 63 || (!text.isEmpty && !text.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) })) {
                causes.append(APIError.invalidValue("metadata.labels", "\"\(text)\"", "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"))
            }
            if key.isEmpty { causes.append(APIError.invalidValue("metadata.labels", "\"\"", "name part must be non-empty")) }
        }
        switch type {
        case ResourceCatalog.deployments, ResourceCatalog.replicaSets:
            causes += workload(object, old: old)
        case ResourceCatalog.pods:
            causes += containers(object.value(at: ["spec", "containers"]), field: "spec.containers")
        case ResourceCatalog.services:
            causes += service(object)
        default: break
        }
        return causes
    }

    private static func workload(_ object: JSON, old: JSON?) -> [APIError.Cause] {
        var causes: [APIError.Cause] = []
        guard let selector = object.value(at: ["spec", "selector"]), selector.objectValue != nil else {
            return [APIError.required("spec.selector")]
        }
        let parsed = try? LabelSelector.fromObject(selector)
        if parsed == nil || parsed?.isEverything == true {
            causes.append(APIError.invalidValue("spec.selector", "\(selector)", "empty selector is invalid for deployment"))
        }
        let labels = object.value(at: ["spec", "template", "metadata", "labels"])?.objectValue ?? JSONObject()
        if let parsed, !parsed.isEverything, !parsed.matches(labels) {
            let rendered = "map[string]string{" + labels.map { "\"\($0.key)\":\"\($0.value.stringValue ?? "")\"" }.joined(separator: ", ") + "}"
            causes.append(APIError.invalidValue("spec.template.metadata.labels", rendered, "`selector` does not match template `labels`"))
        }
        if let replicas = object.value(at: ["spec", "replicas"]), let count = replicas.intValue, count < 0 {
            causes.append(APIError.invalidValue("spec.replicas", "\(count)", "must be greater than or equal to 0"))
        }
        if let old, let oldSelector = old.value(at: ["spec", "selector"]), !oldSelector.semanticallyEquals(selector) {
            causes.append(APIError.invalidValue("spec.selector", "\(selector)", "field is immutable"))
        }
        causes += containers(object.value(at: ["spec", "template", "spec", "containers"]), field: "spec.template.spec.containers")
        return causes
    }

    private static func containers(_ value: JSON?, field: String) -> [APIError.Cause] {
        guard let list = value?.arrayValue, !list.isEmpty else { return [APIError.required(field)] }
        var causes: [APIError.Cause] = []
        var names: Set<String> = []
        for (index, container) in list.enumerated() {
            let name = container["name"].stringValue ?? ""
            if name.isEmpty {
                causes.append(APIError.required("\(field)[\(index)].name"))
            } else if !isLabel(name) {
                causes.append(APIError.invalidValue("\(field)[\(index)].name", "\"\(name)\"", labelMessage))
            } else if !names.insert(name).inserted {
                causes.append(APIError.Cause(reason: "FieldValueDuplicate", message: "Duplicate value: \"\(name)\"", field: "\(field)[\(index)].name"))
            }
            if (container["image"].stringValue ?? "").isEmpty {
                causes.append(APIError.required("\(field)[\(index)].image"))
            }
        }
        return causes
    }

    private static func service(_ object: JSON) -> [APIError.Cause] {
        let type = object.string(at: "spec", "type") ?? "ClusterIP"
        let ports = object.value(at: ["spec", "ports"])?.arrayValue ?? []
        if ports.isEmpty, type != "ExternalName", object.string(at: "spec", "clusterIP") != "None" {
            return [APIError.required("spec.ports")]
        }
        var causes: [APIError.Cause] = []
        for (index, port) in ports.enumerated() {
            guard let number = port["port"].intValue, (1...65535).contains(number) else {
                causes.append(APIError.invalidValue("spec.ports[\(index)].port", "\(port["port"])", "must be between 1 and 65535, inclusive"))
                continue
            }
            if ports.count > 1, (port["name"].stringValue ?? "").isEmpty {
                causes.append(APIError.required("spec.ports[\(index)].name"))
            }
        }
        return causes
    }
}
