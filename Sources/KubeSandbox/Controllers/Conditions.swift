import Foundation

/// Status conditions as the real controllers maintain them.
enum Conditions {
    static func find(_ status: JSON, _ type: String) -> JSON? {
        status["conditions"].arrayValue?.first { $0["type"].stringValue == type }
    }

    /// Sets a condition: unchanged when status and reason match; `lastTransitionTime` kept when
    /// only the reason changes; the new condition goes last (`SetDeploymentCondition`).
    static func set(_ status: inout JSON, type: String, status value: String, reason: String, message: String, now: Date,
                    updateTime: Bool = true) {
        var conditions = status["conditions"].arrayValue ?? []
        let current = conditions.first { $0["type"].stringValue == type }
        if let current, current["status"].stringValue == value, current["reason"].stringValue == reason { return }
        let stamp = Timestamp.format(now)
        var condition = JSONObject()
        condition["type"] = .string(type)
        condition["status"] = .string(value)
        if updateTime { condition["lastUpdateTime"] = .string(stamp) }
        if let current, current["status"].stringValue == value {
            condition["lastTransitionTime"] = current["lastTransitionTime"]
        } else {
            condition["lastTransitionTime"] = .string(stamp)
        }
        condition["reason"] = .string(reason)
        condition["message"] = .string(message)
        conditions.removeAll { $0["type"].stringValue == type }
        conditions.append(.object(condition))
        status["conditions"] = .array(conditions)
    }

    static func remove(_ status: inout JSON, _ type: String) {
        guard var conditions = status["conditions"].arrayValue else { return }
        conditions.removeAll { $0["type"].stringValue == type }
        status["conditions"] = .array(conditions)
    }

    /// A pod-style condition (no `lastUpdateTime`, `lastProbeTime: null`), keeping the transition
    /// time when the status does not change.
    static func setPod(_ conditions: inout [JSON], type: String, status value: String, reason: String? = nil, message: String? = nil, now: Date) {
        let current = conditions.first { $0["type"].stringValue == type }
        var condition = JSONObject()
        condition["type"] = .string(type)
        condition["status"] = .string(value)
        condition["lastProbeTime"] = .null
        if let current, current["status"].stringValue == value {
            condition["lastTransitionTime"] = current["lastTransitionTime"]
        } else {
            condition["lastTransitionTime"] = .string(Timestamp.format(now))
        }
        if let reason { condition["reason"] = .string(reason) }
        if let message { condition["message"] = .string(message) }
        if let index = conditions.firstIndex(where: { $0["type"].stringValue == type }) {
            conditions[index] = .object(condition)
        } else {
            conditions.append(.object(condition))
        }
    }
}
