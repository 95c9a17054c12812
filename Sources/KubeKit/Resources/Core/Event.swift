import Foundation

/// v1 Event: a report of something that happened to an object (`kubectl get events`).
public struct Event: KubernetesResource {
    /// Where this kind lives in the API.
    public static let apiResource = APIResource.events

    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// The object the event is about.
    public var involvedObject: ObjectReference {
        get { self[nested: "involvedObject"] }
        set { self[nested: "involvedObject"] = newValue }
    }

    /// A CamelCase reason, such as `FailedScheduling` or `BackOff`.
    public var reason: String? {
        get { self[field: "reason"] }
        set { self[field: "reason"] = newValue }
    }

    /// A human-readable description.
    public var message: String? {
        get { self[field: "message"] }
        set { self[field: "message"] = newValue }
    }

    /// `Normal` or `Warning`.
    public var type: String? {
        get { self[field: "type"] }
        set { self[field: "type"] = newValue }
    }

    /// How often the event occurred.
    public var count: Int? {
        get { self[field: "count"] }
        set { self[field: "count"] = newValue }
    }

    /// When the event first occurred.
    public var firstTimestamp: Date? {
        get { self[field: "firstTimestamp"] }
        set { self[field: "firstTimestamp"] = newValue }
    }

    /// When the event last occurred.
    public var lastTimestamp: Date? {
        get { self[field: "lastTimestamp"] }
        set { self[field: "lastTimestamp"] = newValue }
    }

    /// When the event was first observed, with microseconds (newer reporters).
    public var eventTime: Date? {
        get { self[field: "eventTime"] }
        set { object["eventTime"] = newValue.map { .string(RFC3339.microString(from: $0)) } }
    }

    /// The component that reported the event.
    public var source: EventSource {
        get { self[nested: "source"] }
        set { self[nested: "source"] = newValue }
    }

    /// The controller that emitted the event (newer reporters).
    public var reportingComponent: String? {
        get { self[field: "reportingComponent"] }
        set { self[field: "reportingComponent"] = newValue }
    }

    /// The instance of the controller that emitted the event.
    public var reportingInstance: String? {
        get { self[field: "reportingInstance"] }
        set { self[field: "reportingInstance"] = newValue }
    }

    /// What was done, or failed to be done.
    public var action: String? {
        get { self[field: "action"] }
        set { self[field: "action"] = newValue }
    }
}
