/// The STATUS column of `kubectl get pods`: the waiting or terminated reason of a container
/// when there is one, `Terminating` for a pod being deleted, else the phase.
enum PodStatusText {
    static func reason(_ pod: JSON) -> String {
        var reason = pod.string(at: "status", "phase") ?? "Pending"
        if let podReason = pod.string(at: "status", "reason") { reason = podReason }
        for status in pod.value(at: ["status", "containerStatuses"])?.arrayValue ?? [] {
            if let waiting = status.value(at: ["state", "waiting", "reason"])?.stringValue, !waiting.isEmpty {
                reason = waiting
            } else if let terminated = status.value(at: ["state", "terminated", "reason"])?.stringValue, !terminated.isEmpty {
                reason = terminated
            }
        }
        if pod.value(at: ["metadata", "deletionTimestamp"]).map({ !$0.isNull }) == true { reason = "Terminating" }
        return reason
    }
}
