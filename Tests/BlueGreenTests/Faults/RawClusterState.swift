import Foundation
import KubeSandbox

@testable import BlueGreen

/// The app's objects as the sandbox stores them, read from its store directly (not through
/// KubeKit or the engine), so that a mistake in the code under test cannot hide itself.
struct RawClusterState: Sendable {
    /// One entry of the Service's switch history, as stored.
    struct Switch: Sendable, Equatable, CustomStringConvertible {
        var from: String?
        var to: String
        var at: String
        var by: String
        var description: String { "\(from ?? "none")->\(to) by \(by) at \(at)" }
    }

    /// The Lease, if any.
    struct LeaseRecord: Sendable, Equatable {
        var holder: String?
        var renewTime: String?
        var durationSeconds: Int?
        var resourceVersion: String?
    }

    var serviceExists: Bool
    /// The version the Service's selector names.
    var selected: String?
    /// The `bluegreen.dev/active-version` annotation.
    var annotatedActive: String?
    /// Newest first.
    var history: [Switch]
    /// Version → Deployment, for every version ever tried.
    var deployments: [String: JSON]
    var lease: LeaseRecord?

    static let app = "web"
    static let namespace = "default"

    /// Reads the Service, the Lease and the Deployment of each version in `versions`.
    static func read(_ sandbox: Sandbox, versions: some Sequence<String>) async -> RawClusterState {
        let service = await sandbox.object(apiVersion: "v1", kind: "Service", namespace: namespace, name: Names.service(app: app))
        let annotations = service?["metadata"]["annotations"]
        var deployments: [String: JSON] = [:]
        for version in versions {
            if let deployment = await sandbox.object(apiVersion: "apps/v1", kind: "Deployment", namespace: namespace, name: Names.deployment(app: app, version: version)) {
                deployments[version] = deployment
            }
        }
        let lease = await sandbox.object(apiVersion: "coordination.k8s.io/v1", kind: "Lease", namespace: namespace, name: Names.lease(app: app))
        return RawClusterState(
            serviceExists: service != nil,
            selected: service?["spec"]["selector"][Names.versionLabel].stringValue,
            annotatedActive: annotations?[SwitchHistory.activeKey].stringValue,
            history: parseHistory(annotations?[SwitchHistory.historyKey].stringValue),
            deployments: deployments,
            lease: lease.map {
                LeaseRecord(
                    holder: $0["spec"]["holderIdentity"].stringValue, renewTime: $0["spec"]["renewTime"].stringValue,
                    durationSeconds: $0["spec"]["leaseDurationSeconds"].intValue, resourceVersion: $0["metadata"]["resourceVersion"].stringValue)
            })
    }

    /// The history annotation parsed with Foundation's JSON parser (not the engine's decoder).
    static func parseHistory(_ text: String?) -> [Switch] {
        guard let text, let entries = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]] else { return [] }
        return entries.map { Switch(from: $0["from"] as? String, to: $0["to"] as? String ?? "", at: $0["at"] as? String ?? "", by: $0["by"] as? String ?? "") }
    }

    /// How many switches were recorded on top of `earlier`'s history (nil when the histories
    /// do not line up: something rewrote it instead of adding to it).
    func switchesAdded(since earlier: RawClusterState) -> Int? {
        for added in 0...min(history.count, 3) {
            let kept = Array(history.dropFirst(added))
            if kept == Array(earlier.history.prefix(kept.count)), kept.count == min(earlier.history.count, SwitchHistory.limit - added) {
                return added
            }
        }
        return nil
    }

    /// Whether a version's Deployment is ready: every desired replica ready, for the current spec.
    func isReady(_ version: String) -> Bool {
        guard let deployment = deployments[version] else { return false }
        let desired = deployment["spec"]["replicas"].intValue ?? 1
        let generation = deployment["metadata"]["generation"].intValue ?? 0
        return (deployment["status"]["observedGeneration"].intValue ?? 0) >= generation
            && (deployment["status"]["readyReplicas"].intValue ?? 0) >= desired
    }

    /// What is wrong with a stored Deployment the engine made (labels, selector, template), if anything.
    func incompleteness(of version: String) -> String? {
        guard let deployment = deployments[version] else { return nil }
        let labels = deployment["metadata"]["labels"]
        let expected = [Names.nameLabel: Self.app, Names.versionLabel: version, Names.managedByLabel: Names.managedByValue]
        for (key, value) in expected where labels[key].stringValue != value {
            return "Deployment \(Names.deployment(app: Self.app, version: version)) has label \(key)=\(labels[key].stringValue ?? "<none>"), not \(value)"
        }
        let templateLabels = deployment["spec"]["template"]["metadata"]["labels"]
        for key in [Names.nameLabel, Names.versionLabel] where templateLabels[key].stringValue != expected[key] {
            return "Deployment \(Names.deployment(app: Self.app, version: version)) has pod template label \(key)=\(templateLabels[key].stringValue ?? "<none>")"
        }
        guard let image = deployment["spec"]["template"]["spec"]["containers"].arrayValue?.first?["image"].stringValue, image.hasSuffix(":\(version)") || image.hasSuffix(":broken") else {
            return "Deployment \(Names.deployment(app: Self.app, version: version)) has no container image for version \(version)"
        }
        guard deployment["metadata"]["deletionTimestamp"].isNull else {
            return "Deployment \(Names.deployment(app: Self.app, version: version)) is stuck deleting"
        }
        return nil
    }

    /// The Lease's renewTime as a date.
    static func date(_ microTime: String?) -> Date? {
        guard let microTime else { return nil }
        if let date = try? Date(microTime, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return date }
        return try? Date(microTime, strategy: .iso8601)
    }
}
