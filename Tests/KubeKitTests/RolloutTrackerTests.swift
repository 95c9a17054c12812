import Foundation
import KubeKit
import Testing

/// The rollout decision rules, without a cluster.
struct RolloutTrackerTests {
    static func deployment(
        generation: Int64 = 2, observed: Int64 = 2, replicas: Int = 3, updated: Int = 3, total: Int = 3, available: Int = 3,
        progressing: String? = nil
    ) -> Deployment {
        var deployment = Deployment(
            name: "web-42", namespace: "shop",
            spec: DeploymentSpec(replicas: replicas, selector: LabelSelector(matchLabels: ["app": "web"]), template: PodTemplateSpec()))
        deployment.metadata.generation = generation
        deployment.status.observedGeneration = observed
        deployment.status.updatedReplicas = updated
        deployment.status.replicas = total
        deployment.status.availableReplicas = available
        if let progressing {
            var condition = StatusCondition()
            condition.type = "Progressing"
            condition.status = progressing == "ProgressDeadlineExceeded" ? "False" : "True"
            condition.reason = progressing
            deployment.status.conditions = [condition]
        }
        return deployment
    }

    static func pod(_ name: String, waiting reason: String? = nil, unschedulable: Bool = false, initContainer: Bool = false) -> Pod {
        var pod = Pod(name: name, spec: PodSpec(containers: [Container(name: "web", image: "web:42")]))
        if let reason {
            var status = ContainerStatus()
            status.name = initContainer ? "migrate" : "web"
            var waiting = ContainerStateWaiting()
            waiting.reason = reason
            waiting.message = "\(reason) happened"
            status.state.waiting = waiting
            if initContainer { pod.status.initContainerStatuses = [status] } else { pod.status.containerStatuses = [status] }
        }
        if unschedulable {
            var condition = StatusCondition()
            condition.type = "PodScheduled"
            condition.status = "False"
            condition.reason = "Unschedulable"
            condition.message = "0/3 nodes are available: 3 Insufficient cpu."
            pod.status.conditions = [condition]
        }
        return pod
    }

    let start = Date(timeIntervalSince1970: 1_714_564_800)

    /// kubectl's waiting messages, in kubectl's order, and its success message.
    @Test func followsKubectlRules() {
        var tracker = RolloutTracker()
        #expect(
            tracker.evaluate(deployment: Self.deployment(generation: 3, observed: 2), pods: [])
                == .waiting(message: "Waiting for deployment spec update to be observed..."))
        #expect(
            tracker.evaluate(deployment: Self.deployment(updated: 1), pods: [])
                == .waiting(message: "Waiting for deployment \"web-42\" rollout to finish: 1 out of 3 new replicas have been updated..."))
        #expect(
            tracker.evaluate(deployment: Self.deployment(total: 5), pods: [])
                == .waiting(message: "Waiting for deployment \"web-42\" rollout to finish: 2 old replicas are pending termination..."))
        #expect(
            tracker.evaluate(deployment: Self.deployment(available: 2), pods: [])
                == .waiting(message: "Waiting for deployment \"web-42\" rollout to finish: 2 of 3 updated replicas are available..."))
        #expect(tracker.evaluate(deployment: Self.deployment(), pods: []) == .done(message: "deployment \"web-42\" successfully rolled out"))
    }

    /// ProgressDeadlineExceeded fails the rollout, with the stuck pods' reasons attached.
    @Test func progressDeadlineFails() throws {
        var tracker = RolloutTracker(policy: .disabled)
        let decision = tracker.evaluate(
            deployment: Self.deployment(available: 0, progressing: "ProgressDeadlineExceeded"), pods: [Self.pod("p1", waiting: "ImagePullBackOff")])
        guard case .failed(let failure) = decision else {
            Issue.record("expected a failure, got \(decision)")
            return
        }
        #expect(failure.reason == .progressDeadlineExceeded)
        #expect(failure.message == "deployment \"web-42\" exceeded its progress deadline")
        #expect(failure.pods.map(\.reason) == ["ImagePullBackOff"])
        // An old generation's deadline does not count until the controller has seen the new one.
        #expect(
            tracker.evaluate(deployment: Self.deployment(generation: 3, observed: 2, progressing: "ProgressDeadlineExceeded"), pods: [])
                == .waiting(message: "Waiting for deployment spec update to be observed..."))
    }

    /// Each fast-failure reason fails the rollout once it has lasted its grace period, and not before.
    @Test(arguments: [
        ("ImagePullBackOff", FastFailPolicy.Family.imagePull), ("ErrImagePull", FastFailPolicy.Family.imagePull),
        ("CrashLoopBackOff", FastFailPolicy.Family.crashLoop), ("CreateContainerConfigError", FastFailPolicy.Family.createContainerConfig),
        ("Unschedulable", FastFailPolicy.Family.unschedulable),
    ])
    func fastFailureReasons(reason: String, family: String) throws {
        let policy = FastFailPolicy(gracePeriods: [family: .seconds(30)])
        var tracker = RolloutTracker(policy: policy)
        let pods = [
            Self.pod("web-42-a", waiting: reason == "Unschedulable" ? nil : reason, unschedulable: reason == "Unschedulable"), Self.pod("web-42-b"),
        ]
        let waiting = Self.deployment(available: 0)

        let first = tracker.evaluate(deployment: waiting, pods: pods, now: start)
        guard case .waiting(let message) = first else {
            Issue.record("expected waiting, got \(first)")
            return
        }
        #expect(message.contains("(Warning: \(reason) - "))
        #expect(tracker.problems.map(\.pod) == ["web-42-a"])
        if case .failed = tracker.evaluate(deployment: waiting, pods: pods, now: start.addingTimeInterval(29)) {
            Issue.record("failed before the grace period")
        }
        let decision = tracker.evaluate(deployment: waiting, pods: pods, now: start.addingTimeInterval(30))
        guard case .failed(let failure) = decision else {
            Issue.record("expected a failure at 30 s, got \(decision)")
            return
        }
        #expect(failure.reason.rawValue == reason)
        #expect(failure.pods.map(\.pod) == ["web-42-a"])
        #expect(failure.description.contains("pod web-42-a"))
    }

    /// The grace period restarts when a pod stops showing the reason, and ErrImagePull and
    /// ImagePullBackOff count as one continuing problem.
    @Test func gracePeriodRestartsWhenThePodRecovers() {
        var tracker = RolloutTracker(policy: FastFailPolicy(gracePeriods: [FastFailPolicy.Family.imagePull: .seconds(30)]))
        let waiting = Self.deployment(available: 0)
        _ = tracker.evaluate(deployment: waiting, pods: [Self.pod("p", waiting: "ErrImagePull")], now: start)
        _ = tracker.evaluate(deployment: waiting, pods: [Self.pod("p")], now: start.addingTimeInterval(10))
        _ = tracker.evaluate(deployment: waiting, pods: [Self.pod("p", waiting: "ErrImagePull")], now: start.addingTimeInterval(20))
        if case .failed = tracker.evaluate(deployment: waiting, pods: [Self.pod("p", waiting: "ImagePullBackOff")], now: start.addingTimeInterval(45))
        {
            Issue.record("the clock should have restarted at 20 s")
        }
        guard
            case .failed(let failure) = tracker.evaluate(
                deployment: waiting, pods: [Self.pod("p", waiting: "ImagePullBackOff")], now: start.addingTimeInterval(50))
        else {
            Issue.record("expected a failure 30 s after the problem came back")
            return
        }
        #expect(failure.reason == .imagePullBackOff)
    }

    /// Init containers count; reasons outside the list (ContainerCreating) never fail.
    @Test func initContainersCountAndOtherReasonsDoNot() {
        var tracker = RolloutTracker(policy: .immediate)
        let waiting = Self.deployment(available: 0)
        if case .failed(let failure) = tracker.evaluate(
            deployment: waiting, pods: [Self.pod("p", waiting: "CrashLoopBackOff", initContainer: true)], now: start)
        {
            #expect(failure.pods.first?.container == "migrate")
        } else {
            Issue.record("an init container in CrashLoopBackOff should fail the rollout")
        }
        var other = RolloutTracker(policy: .immediate)
        #expect(
            other.evaluate(deployment: waiting, pods: [Self.pod("p", waiting: "ContainerCreating")], now: start)
                == .waiting(message: "Waiting for deployment \"web-42\" rollout to finish: 0 of 3 updated replicas are available..."))
    }

    /// The new ReplicaSet is the owned one whose template equals the Deployment's but for the hash label.
    @Test func findsTheNewReplicaSet() {
        var deployment = Self.deployment()
        deployment.metadata.uid = "d-uid"
        deployment.spec.template = PodTemplateSpec(labels: ["app": "web"], spec: PodSpec(containers: [Container(name: "web", image: "web:42")]))
        func replicaSet(_ name: String, image: String, owner: String = "d-uid") -> ReplicaSet {
            var replicaSet = ReplicaSet(metadata: ObjectMeta(name: name))
            replicaSet.metadata.ownerReferences = [
                OwnerReference(apiVersion: "apps/v1", kind: "Deployment", name: "web-42", uid: owner, controller: true)
            ]
            replicaSet.spec.template = PodTemplateSpec(
                labels: ["app": "web", "pod-template-hash": name], spec: PodSpec(containers: [Container(name: "web", image: image)]))
            return replicaSet
        }
        let found = RolloutTracker.newReplicaSet(
            of: deployment,
            among: [replicaSet("old", image: "web:41"), replicaSet("new", image: "web:42"), replicaSet("stranger", image: "web:42", owner: "x")]
        )
        #expect(found?.name == "new")
        #expect(RolloutTracker.newReplicaSet(of: deployment, among: [replicaSet("old", image: "web:41")]) == nil)
    }
}
