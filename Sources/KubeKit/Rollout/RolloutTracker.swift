import Foundation

/// The decision rules of a rollout, as a pure state machine: feed it the Deployment and the
/// pods of its new ReplicaSet, with the time, and it says whether the rollout is done, still
/// waiting, or failed.
///
/// The Deployment rules are `kubectl rollout status`'s: wait until the controller has observed
/// the latest generation; fail on `ProgressDeadlineExceeded`; wait while fewer replicas are
/// updated than desired, while old replicas are pending termination, and while fewer updated
/// replicas are available than updated. On top, it fails fast on pods stuck in
/// `ImagePullBackOff`, `ErrImagePull`, `CrashLoopBackOff`, `CreateContainerConfigError` or
/// `Unschedulable` once they have shown the reason for the ``FastFailPolicy``'s grace period.
/// The tracker remembers since when each pod shows a reason; that is its only state.
public struct RolloutTracker: Sendable {
    /// When each pod's failure reasons were first seen, by pod and family.
    private var firstSeen: [String: [String: Date]] = [:]
    /// The grace periods.
    public var policy: FastFailPolicy
    /// The problems the pods showed at the last evaluation (fatal or not yet).
    public private(set) var problems: [PodProblem] = []

    /// A tracker with a fast-failure policy.
    public init(policy: FastFailPolicy = .standard) {
        self.policy = policy
    }

    /// Decides about `deployment`, given the pods of its new ReplicaSet, at `now`.
    public mutating func evaluate(deployment: Deployment, pods: [Pod], now: Date = Date()) -> RolloutDecision {
        let status = Self.deploymentStatus(deployment)
        guard case .waiting(let message) = status else {
            if case .failed(var failure) = status {
                // Say why, when the pods show it.
                failure.pods = pods.flatMap(Self.problems(of:))
                return .failed(failure)
            }
            return status
        }
        let problems = observe(pods, now: now)
        if let fatal = fatalProblem(problems, now: now) {
            let reason = RolloutFailure.Reason(rawValue: fatal.reason)
            return .failed(
                RolloutFailure(
                    reason: reason, deployment: deployment.name,
                    message: "deployment \"\(deployment.name)\" cannot become ready: pods are stuck in \(fatal.reason)",
                    pods: problems.map(\.problem)
                )
            )
        }
        guard let first = problems.first?.problem else { return .waiting(message: message) }
        return .waiting(message: "\(message) (Warning: \(first.reason) - \(first.message))")
    }

    /// The pods' current problems, remembering when each was first seen.
    private mutating func observe(_ pods: [Pod], now: Date) -> [(problem: PodProblem, family: String)] {
        var found: [(problem: PodProblem, family: String)] = []
        var stillSeen: [String: [String: Date]] = [:]
        for pod in pods {
            for problem in Self.problems(of: pod) {
                guard let family = FastFailPolicy.Family.of(problem.reason) else { continue }
                let since = firstSeen[pod.name]?[family] ?? now
                stillSeen[pod.name, default: [:]][family] = since
                found.append((problem, family))
            }
        }
        firstSeen = stillSeen
        problems = found.map(\.problem)
        return found
    }

    private func fatalProblem(_ problems: [(problem: PodProblem, family: String)], now: Date) -> PodProblem? {
        for (problem, family) in problems {
            guard let grace = policy.gracePeriods[family], let since = firstSeen[problem.pod]?[family] else { continue }
            if now.timeIntervalSince(since) >= TimeInterval(grace.nanoseconds) / 1e9 { return problem }
        }
        return nil
    }

    /// kubectl's rules for the Deployment alone (no pods): done, waiting (with kubectl's
    /// message) or failed on `ProgressDeadlineExceeded`.
    public static func deploymentStatus(_ deployment: Deployment) -> RolloutDecision {
        let name = deployment.name
        let status = deployment.status
        guard (deployment.metadata.generation ?? 0) <= (status.observedGeneration ?? 0) else {
            return .waiting(message: "Waiting for deployment spec update to be observed...")
        }
        let progressing = status.conditions.first { $0.type == "Progressing" }
        if progressing?.reason == "ProgressDeadlineExceeded" {
            return .failed(
                RolloutFailure(reason: .progressDeadlineExceeded, deployment: name, message: "deployment \"\(name)\" exceeded its progress deadline")
            )
        }
        let updated = status.updatedReplicas ?? 0
        if let desired = deployment.spec.replicas, updated < desired {
            return .waiting(
                message: "Waiting for deployment \"\(name)\" rollout to finish: \(updated) out of \(desired) new replicas have been updated...")
        }
        let total = status.replicas ?? 0
        if total > updated {
            return .waiting(
                message: "Waiting for deployment \"\(name)\" rollout to finish: \(total - updated) old replicas are pending termination...")
        }
        let available = status.availableReplicas ?? 0
        if available < updated {
            return .waiting(
                message: "Waiting for deployment \"\(name)\" rollout to finish: \(available) of \(updated) updated replicas are available...")
        }
        return .done(message: "deployment \"\(name)\" successfully rolled out")
    }

    /// A pod's failure reasons: containers (init containers included) waiting for one of the
    /// fast-failure reasons, and `PodScheduled=False` with reason `Unschedulable`.
    public static func problems(of pod: Pod) -> [PodProblem] {
        var problems: [PodProblem] = []
        for condition in pod.status.conditions
        where condition.type == "PodScheduled" && condition.status == "False" && condition.reason == "Unschedulable" {
            problems.append(PodProblem(pod: pod.name, reason: "Unschedulable", message: condition.message ?? ""))
        }
        for container in pod.status.initContainerStatuses + pod.status.containerStatuses {
            guard let waiting = container.state.waiting, let reason = waiting.reason, FastFailPolicy.Family.of(reason) != nil else { continue }
            problems.append(PodProblem(pod: pod.name, container: container.name, reason: reason, message: waiting.message ?? ""))
        }
        return problems
    }
}
