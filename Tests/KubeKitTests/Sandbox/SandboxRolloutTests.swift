import Foundation
import KubeKit
import KubeSandbox
import SDKCore
import Synchronization
import TestSupport
import Testing

/// Waiting for rollouts against the sandbox's deployment controller, scheduler and kubelet.
struct SandboxRolloutTests {
    static func deployment(_ name: String, image: String, replicas: Int = 2, cpu: String? = nil, progressDeadlineSeconds: Int? = nil) -> Deployment {
        let labels = ["app": name]
        var container = Container(name: "app", image: image)
        if let cpu { container.resources.requests = ["cpu": Quantity(cpu)] }
        var deployment = Deployment(
            name: name, labels: labels,
            spec: DeploymentSpec(
                replicas: replicas, selector: LabelSelector(matchLabels: labels),
                template: PodTemplateSpec(labels: labels, spec: PodSpec(containers: [container])))
        )
        deployment.spec.progressDeadlineSeconds = progressDeadlineSeconds
        return deployment
    }

    static func start(readyAfter: Duration = .milliseconds(100)) async throws -> (SandboxHarness, KubeClient) {
        let harness = try await SandboxHarness.start(tls: false) { configuration in
            configuration.readyAfter = readyAfter
            configuration.imageRules = [
                ImageRule(pattern: "*:broken", behaviour: .pullFailure), ImageRule(pattern: "*crash*", behaviour: .crashLoop),
            ]
            configuration.backOff = .milliseconds(200)
        }
        return (harness, try harness.client(try harness.clusterConfiguration(user: .anonymous)))
    }

    /// A healthy rollout succeeds with kubectl's message, reporting progress on the way.
    @Test func succeeds() async throws {
        // Pods take a few seconds to become ready, so that the wait sees the rollout in progress
        // even when a busy machine delays the test between the create and the wait.
        let (harness, client) = try await Self.start(readyAfter: .seconds(5))
        _ = try await client.create(Self.deployment("web-42", image: "web:42", replicas: 3))
        let reports = Recorder<String>()
        let outcome = try await client.waitForRollout(deployment: "web-42", timeout: .seconds(30)) { reports.append($0.message) }
        #expect(outcome == .succeeded(message: "deployment \"web-42\" successfully rolled out"))
        #expect(reports.values.isEmpty == false)
        #expect(reports.values.allSatisfy { $0.hasPrefix("Waiting for deployment") })
        #expect(Set(reports.values).count == reports.values.count)
        try await client.shutdown()
        try await harness.stop()
    }

    /// Pods that cannot pull their image fail the rollout fast, naming each pod and its reason.
    @Test func imagePullFailureFailsFast() async throws {
        let (harness, client) = try await Self.start()
        _ = try await client.create(Self.deployment("web-43", image: "web:broken"))
        let started = ContinuousClock.now
        let outcome = try await client.waitForRollout(
            deployment: "web-43", timeout: .seconds(60), policy: FastFailPolicy(gracePeriods: [FastFailPolicy.Family.imagePull: .seconds(1)]))
        guard case .failed(let failure) = outcome else {
            Issue.record("expected a failure, got \(outcome)")
            return
        }
        #expect([RolloutFailure.Reason.errImagePull, .imagePullBackOff].contains(failure.reason))
        #expect(failure.pods.count == 2)
        #expect(
            failure.pods.allSatisfy {
                $0.pod.hasPrefix("web-43-") && ["ErrImagePull", "ImagePullBackOff"].contains($0.reason) && $0.container == "app"
            })
        // Fast: well before the 60 s timeout (the bound is loose for a loaded two-core machine).
        #expect(ContinuousClock.now - started < .seconds(45))
        try await client.shutdown()
        try await harness.stop()
    }

    /// Crashing pods fail the rollout with CrashLoopBackOff.
    @Test func crashLoopFailsFast() async throws {
        let (harness, client) = try await Self.start()
        _ = try await client.create(Self.deployment("web-44", image: "web:crash"))
        let outcome = try await client.waitForRollout(deployment: "web-44", timeout: .seconds(60), policy: .immediate)
        guard case .failed(let failure) = outcome else {
            Issue.record("expected a failure, got \(outcome)")
            return
        }
        #expect(failure.reason == .crashLoopBackOff)
        #expect(failure.pods.contains { $0.reason == "CrashLoopBackOff" })
        try await client.shutdown()
        try await harness.stop()
    }

    /// Pods that fit on no node fail the rollout with the scheduler's message.
    @Test func unschedulableFailsFast() async throws {
        let (harness, client) = try await Self.start()
        _ = try await client.create(Self.deployment("web-45", image: "web:45", cpu: "64"))
        let outcome = try await client.waitForRollout(deployment: "web-45", timeout: .seconds(60), policy: .immediate)
        guard case .failed(let failure) = outcome else {
            Issue.record("expected a failure, got \(outcome)")
            return
        }
        #expect(failure.reason == .unschedulable)
        #expect(failure.pods.first?.message.contains("nodes are available") == true)
        try await client.shutdown()
        try await harness.stop()
    }

    /// Without fast failures, a stuck rollout ends when the controller reports
    /// ProgressDeadlineExceeded.
    @Test func progressDeadlineEndsTheWait() async throws {
        let (harness, client) = try await Self.start()
        _ = try await client.create(Self.deployment("web-46", image: "web:broken", progressDeadlineSeconds: 1))
        let outcome = try await client.waitForRollout(deployment: "web-46", timeout: .seconds(60), policy: .disabled)
        guard case .failed(let failure) = outcome else {
            Issue.record("expected a failure, got \(outcome)")
            return
        }
        #expect(failure.reason == .progressDeadlineExceeded)
        #expect(failure.message == "deployment \"web-46\" exceeded its progress deadline")
        try await client.shutdown()
        try await harness.stop()
    }

    /// A Deployment deleted while waiting is a clear failure; the caller's timeout is its own outcome.
    @Test func deletedWhileWaitingAndTimeout() async throws {
        let (harness, client) = try await Self.start()
        _ = try await client.create(Self.deployment("web-47", image: "web:broken"))
        let waiting = Task { try await client.waitForRollout(deployment: "web-47", timeout: .seconds(60), policy: .disabled) }
        try await Task.sleep(for: .milliseconds(500))
        try await client.delete(Deployment.self, "web-47")
        let outcome = try await waiting.value
        guard case .failed(let failure) = outcome else {
            Issue.record("expected a failure, got \(outcome)")
            return
        }
        #expect(failure.reason == .deploymentDeleted)

        _ = try await client.create(Self.deployment("web-48", image: "web:broken"))
        let timedOut = try await client.waitForRollout(deployment: "web-48", timeout: .seconds(1), policy: .disabled)
        guard case .timedOut(let last) = timedOut else {
            Issue.record("expected a timeout, got \(timedOut)")
            return
        }
        #expect(last.contains("web-48"))

        let missing = try await #require(throws: KubeError.self) { try await client.waitForRollout(deployment: "nope", timeout: .seconds(1)) }
        #expect(missing.isNotFound)
        try await client.shutdown()
        try await harness.stop()
    }
}
