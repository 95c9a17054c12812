/// Kubernetes resource quantities (`500m`, `2`, `128Mi`, `1G`, `1e3`) as numbers, enough to
/// compare requests with node capacity.
enum Quantity {
    static func parse(_ value: JSON?) -> Double? {
        switch value {
        case .number(let text)?: return Double(text)
        case .string(let text)?: return parse(text)
        default: return nil
        }
    }

    static func parse(_ text: String) -> Double? {
        let suffixes: [(String, Double)] = [
            ("Ki", 1024), ("Mi", 1_048_576), ("Gi", 1_073_741_824), ("Ti", 1_099_511_627_776), ("Pi", 1_125_899_906_842_624),
            ("Ei", 1_152_921_504_606_846_976), ("n", 1e-9), ("u", 1e-6), ("m", 1e-3), ("k", 1e3), ("M", 1e6), ("G", 1e9),
            ("T", 1e12), ("P", 1e15), ("E", 1e18),
        ]
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        for (suffix, factor) in suffixes where trimmed.hasSuffix(suffix) {
            guard let number = Double(trimmed.dropLast(suffix.count)) else { return nil }
            return number * factor
        }
        return Double(trimmed)
    }

    /// The sum of one resource's requests over a pod's containers (limits stand in for missing requests).
    static func podRequest(_ pod: JSON, _ resource: String) -> Double {
        let containers = pod.value(at: ["spec", "containers"])?.arrayValue ?? []
        return containers.reduce(0) { total, container in
            total + (parse(container.value(at: ["resources", "requests", resource])) ?? parse(container.value(at: ["resources", "limits", resource])) ?? 0)
        }
    }
}
