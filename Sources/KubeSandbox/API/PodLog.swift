/// The `pods/{name}/log` subresource: a few lines the kubelet stand-in "wrote", or the real
/// server's errors for a container that has not started.
enum PodLog {
    static func text(for pod: JSON, container requested: String?) throws -> APIResponse {
        let name = pod.string(at: "metadata", "name") ?? ""
        let containers = (pod.value(at: ["spec", "containers"])?.arrayValue ?? []).compactMap { $0["name"].stringValue }
        guard let container = requested ?? (containers.count == 1 ? containers.first : nil) else {
            throw APIError.badRequest("a container name must be specified for pod \(name), choose one of: [\(containers.joined(separator: " "))]")
        }
        guard containers.contains(container) else {
            throw APIError.badRequest("container \(container) is not valid for pod \(name)")
        }
        let status = pod.value(at: ["status", "containerStatuses"])?.arrayValue?.first { $0["name"].stringValue == container }
        if let waiting = status?.string(at: "state", "waiting", "reason"), status?.value(at: ["lastState", "terminated"]) == nil {
            throw APIError.badRequest("container \"\(container)\" in pod \"\(name)\" is waiting to start: \(waiting)")
        }
        guard let status else {
            throw APIError.badRequest("container \"\(container)\" in pod \"\(name)\" is waiting to start: ContainerCreating")
        }
        let image = status.string(at: "image") ?? ""
        let started = status.string(at: "state", "running", "startedAt") ?? status.string(at: "lastState", "terminated", "startedAt") ?? ""
        var lines = ["\(started) kube-sandbox: container \(container) started from image \(image) on \(pod.string(at: "spec", "nodeName") ?? "")"]
        if status.value(at: ["lastState", "terminated"]) != nil {
            lines.append("\(started) kube-sandbox: container \(container) exited with code 1 (simulated crash)")
        } else {
            lines.append("\(started) kube-sandbox: listening")
        }
        return .text(lines.joined(separator: "\n") + "\n")
    }
}
