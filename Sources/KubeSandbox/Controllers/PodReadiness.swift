import Foundation

/// Pod readiness and availability as the controllers judge them.
enum PodReadiness {
    static func isReady(_ pod: JSON) -> Bool {
        Conditions.find(pod["status"], "Ready")?["status"].stringValue == "True"
    }

    static func isAvailable(_ pod: JSON, minReadySeconds: Int, now: Date) -> Bool {
        guard let ready = Conditions.find(pod["status"], "Ready"), ready["status"].stringValue == "True" else { return false }
        if minReadySeconds <= 0 { return true }
        guard let since = ready["lastTransitionTime"].stringValue.flatMap(Timestamp.parse) else { return false }
        return since.addingTimeInterval(TimeInterval(minReadySeconds)) <= now
    }

    static func isActive(_ pod: StoredObject) -> Bool {
        let phase = pod.object.string(at: "status", "phase")
        return !pod.isTerminating && phase != "Succeeded" && phase != "Failed"
    }

    static func isControlled(_ object: StoredObject, by uid: String) -> Bool {
        (object.object.value(at: ["metadata", "ownerReferences"])?.arrayValue ?? []).contains {
            $0["uid"].stringValue == uid && $0["controller"].boolValue == true
        }
    }
}
