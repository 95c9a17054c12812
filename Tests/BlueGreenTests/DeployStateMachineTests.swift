import Foundation
import Testing

@testable import BlueGreen

struct DeployStateMachineTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let image = try! ImageReference(parsing: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:42")
    static let digest = "sha256:" + String(repeating: "ab", count: 32)

    static func request(_ change: (inout DeployRequest) -> Void = { _ in }) -> DeployRequest {
        var request = DeployRequest(app: "web", version: "42", namespace: "shop", image: image, replicas: 2, actor: "ci")
        change(&request)
        return request
    }

    static func machine(_ change: (inout DeployRequest) -> Void = { _ in }) -> DeployStateMachine {
        DeployStateMachine(request: request(change), now: { now })
    }

    static func nodes(_ count: Int) -> [NodeState] {
        (0..<count).map { NodeState(name: "n\($0)", allocatable: Resources(milliCPU: 4000, memoryBytes: 8 << 30)) }
    }

    static func version(_ v: String, image: String? = nil, ready: Bool = true) -> VersionState {
        VersionState(
            version: v, deploymentName: "web-\(v)", image: image ?? "123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:\(v)",
            desiredReplicas: 2, readyReplicas: ready ? 2 : 0, availableReplicas: ready ? 2 : 0, updatedReplicas: 2,
            totalReplicas: 2, created: now.addingTimeInterval(-3600), uid: "uid-\(v)", resourceVersion: "rv-\(v)")
    }

    static func service(active: String?, rv: String = "100", history: SwitchHistory = SwitchHistory()) -> ServiceState {
        ServiceState(name: "web", activeVersion: active, resourceVersion: rv, history: history)
    }

    /// Drives the machine to the point where it asks to observe before applying.
    static func throughImage(_ machine: inout DeployStateMachine) {
        #expect(machine.start() == .acquireLock)
        #expect(machine.lockAcquired() == .resolveImage(image))
        #expect(machine.imageResolved(digest: digest) == .observe)
    }

    static func failure(_ action: DeployStateMachine.Action) -> DeployFailure? {
        if case .finish(.failure(let failure)) = action { return failure }
        return nil
    }

    static func success(_ action: DeployStateMachine.Action) -> DeployResult? {
        if case .finish(.success(let result)) = action { return result }
        return nil
    }

    /// The first deploy creates the Deployment, waits, creates the Service (no second look: the
    /// create is guarded by AlreadyExists), records, unlocks.
    @Test func firstDeployCreatesTheService() {
        var machine = Self.machine()
        Self.throughImage(&machine)
        #expect(machine.observed(ClusterSnapshot(nodes: Self.nodes(3))) == .createDeployment(image: Self.image.description))
        #expect(machine.deploymentCreated() == .awaitRollout(deployment: "web-42"))
        let create = machine.rolloutSucceeded()
        guard case .createService(let version, let history) = create else {
            Issue.record("expected createService, got \(create)")
            return
        }
        #expect(version == "42")
        #expect(history.entries == [SwitchHistory.Entry(from: nil, to: "42", at: Self.now, by: "ci")])
        #expect(machine.serviceCreated() == .recordEvent(from: nil, to: "42"))
        #expect(machine.eventRecorded() == .releaseLock)
        let result = Self.success(machine.lockReleased())
        #expect(result?.status == .switched)
        #expect(result?.previousVersion == nil)
        #expect(result?.activeVersion == "42")
        #expect(result?.plan.contains("created Service web selecting 42") == true)
    }

    /// A later deploy patches the selector, with history, the moment the rollout is ready: no
    /// second observation, the patch is guarded by the resourceVersion observed before the wait.
    @Test func secondDeploySwitchesTheService() {
        var machine = Self.machine()
        Self.throughImage(&machine)
        let before = ClusterSnapshot(versions: [Self.version("41")], service: Self.service(active: "41", rv: "7"), nodes: Self.nodes(3))
        #expect(machine.observed(before) == .createDeployment(image: Self.image.description))
        _ = machine.deploymentCreated()
        let expectedHistory = SwitchHistory().recording(.init(from: "41", to: "42", at: Self.now, by: "ci"))
        #expect(machine.rolloutSucceeded() == .switchService(to: "42", from: "41", resourceVersion: "7", history: expectedHistory))
        #expect(machine.serviceSwitched() == .recordEvent(from: "41", to: "42"))
        #expect(machine.eventRecorded() == .releaseLock)
        let result = Self.success(machine.lockReleased())
        #expect(result?.status == .switched)
        #expect(result?.previousVersion == "41")
    }

    /// Invalid names fail with exit 2 before any lock or request.
    @Test(arguments: [("Web", "42"), ("web", "v_42"), ("9web", "1"), ("web", ""), ("web", String(repeating: "9", count: 64))])
    func invalidInputFailsBeforeAnything(app: String, version: String) {
        var machine = DeployStateMachine(request: Self.request { $0.app = app; $0.version = version })
        let failure = Self.failure(machine.start())
        #expect(failure?.exitCode == 2)
    }

    /// A live holder means exit 5, naming the holder, and the lock is not released (not ours).
    @Test func busyLockFailsWithExitFive() {
        var machine = Self.machine()
        _ = machine.start()
        let failure = Self.failure(machine.lockBusy(holder: "jenkins-7", operation: "deploy 41", until: Self.now.addingTimeInterval(20)))
        #expect(failure?.exitCode == 5)
        #expect(failure?.message.contains("jenkins-7") == true)
        #expect(failure?.message.contains("deploy 41") == true)
        #expect(failure?.message.contains("20s") == true)
    }

    /// A missing image releases the lock and fails with exit 2; nothing is created.
    @Test func missingImageFailsAfterReleasingTheLock() {
        var machine = Self.machine()
        _ = machine.start()
        _ = machine.lockAcquired()
        #expect(machine.imageMissing("tag 42 not found in web") == .releaseLock)
        #expect(Self.failure(machine.lockReleased())?.exitCode == 2)
    }

    /// --pin-digest deploys repo@digest.
    @Test func pinDigestDeploysByDigest() {
        var machine = Self.machine { $0.imageCheck = .pinDigest }
        Self.throughImage(&machine)
        let action = machine.observed(ClusterSnapshot(nodes: Self.nodes(2)))
        #expect(action == .createDeployment(image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/web@\(Self.digest)"))
    }

    /// --skip-image-check goes straight to observing.
    @Test func skipImageCheck() {
        var machine = Self.machine { $0.imageCheck = .skip }
        _ = machine.start()
        #expect(machine.lockAcquired() == .observe)
    }

    /// Re-running a version with the same image reuses its Deployment (no create).
    @Test func sameVersionSameImageIsReused() {
        var machine = Self.machine()
        Self.throughImage(&machine)
        let snapshot = ClusterSnapshot(versions: [Self.version("41"), Self.version("42")], service: Self.service(active: "41"), nodes: Self.nodes(2))
        // Two versions on two nodes would be refused by capacity; an existing version needs no room.
        #expect(machine.observed(snapshot) == .awaitRollout(deployment: "web-42"))
    }

    /// The same version with another image is refused with exit 2, after unlocking.
    @Test func sameVersionOtherImageIsRefused() {
        var machine = Self.machine()
        Self.throughImage(&machine)
        let snapshot = ClusterSnapshot(versions: [Self.version("42", image: "other/web:42")], nodes: Self.nodes(3))
        #expect(machine.observed(snapshot) == .releaseLock)
        let failure = Self.failure(machine.lockReleased())
        #expect(failure?.exitCode == 2)
        #expect(failure?.message.contains("other/web:42") == true)
    }

    /// A full cluster is exit 3 before anything is created.
    @Test func noCapacityIsExitThree() {
        var machine = Self.machine()
        Self.throughImage(&machine)
        let snapshot = ClusterSnapshot(versions: [Self.version("40"), Self.version("41")], service: Self.service(active: "41"), nodes: Self.nodes(2))
        #expect(machine.observed(snapshot) == .releaseLock)
        #expect(Self.failure(machine.lockReleased())?.exitCode == 3)
    }

    /// A failed rollout is exit 4 with the pods' reasons; the Service is never touched.
    @Test func failedRolloutIsExitFour() {
        var machine = Self.machine()
        Self.throughImage(&machine)
        _ = machine.observed(ClusterSnapshot(nodes: Self.nodes(3)))
        _ = machine.deploymentCreated()
        #expect(machine.rolloutFailed("pods cannot pull their image", details: ["web-42-abc: ImagePullBackOff"]) == .removeFailedDeployment(deployment: "web-42"))
        #expect(machine.failedDeploymentRemoved() == .releaseLock)
        let failure = Self.failure(machine.lockReleased())
        #expect(failure?.exitCode == 4)
        #expect(failure?.details == ["web-42-abc: ImagePullBackOff"])
        #expect(failure?.message.contains("traffic was not switched") == true)
    }

    /// A rollout that outlives the timeout is exit 4 and says how far it got.
    @Test func rolloutTimeoutIsExitFour() {
        var machine = Self.machine()
        Self.throughImage(&machine)
        _ = machine.observed(ClusterSnapshot(nodes: Self.nodes(3)))
        _ = machine.deploymentCreated()
        #expect(machine.rolloutTimedOut(after: .seconds(300), progress: "1 of 2 updated replicas are available") == .removeFailedDeployment(deployment: "web-42"))
        // A failure to delete it does not hide the original failure.
        #expect(machine.stepFailed(DeployFailure(.failed, "forbidden")) == .releaseLock)
        let failure = Self.failure(machine.lockReleased())
        #expect(failure?.exitCode == 4)
        #expect(failure?.message.contains("5m") == true)
        #expect(failure?.message.contains("1 of 2") == true)
    }

    /// With a preview and a verification, the preview is pointed before the rollout wait, the
    /// command runs once ready; a failing command stops before the switch with exit 4.
    @Test func failedVerificationStopsBeforeTheSwitch() {
        var machine = Self.machine { $0.verify = true; $0.preview = true }
        Self.throughImage(&machine)
        _ = machine.observed(ClusterSnapshot(nodes: Self.nodes(3)))
        #expect(machine.deploymentCreated() == .pointPreview(version: "42"))
        #expect(machine.previewPointed() == .awaitRollout(deployment: "web-42"))
        #expect(machine.rolloutSucceeded() == .verify(version: "42"))
        #expect(machine.verificationFailed(exitCode: 7, output: "a\nb\nHTTP 500") == .removeFailedDeployment(deployment: "web-42"))
        #expect(machine.failedDeploymentRemoved() == .releaseLock)
        let failure = Self.failure(machine.lockReleased())
        #expect(failure?.exitCode == 4)
        #expect(failure?.details.last == "HTTP 500")
    }

    /// A passing verification leads straight to the guarded switch.
    @Test func passedVerificationLeadsToTheSwitch() {
        var machine = Self.machine { $0.verify = true }
        Self.throughImage(&machine)
        _ = machine.observed(ClusterSnapshot(versions: [Self.version("41")], service: Self.service(active: "41", rv: "9"), nodes: Self.nodes(3)))
        _ = machine.deploymentCreated()
        #expect(machine.rolloutSucceeded() == .verify(version: "42"))
        guard case .switchService(let to, let from, let rv, _) = machine.verificationPassed() else {
            Issue.record("expected the switch after a passing verification")
            return
        }
        #expect(to == "42")
        #expect(from == "41")
        #expect(rv == "9")
    }

    /// A re-run that finds its Deployment points the preview before waiting for it.
    @Test func reusedDeploymentPointsThePreviewBeforeTheWait() {
        var machine = Self.machine { $0.preview = true }
        Self.throughImage(&machine)
        let snapshot = ClusterSnapshot(versions: [Self.version("41"), Self.version("42")], service: Self.service(active: "41"), nodes: Self.nodes(3))
        #expect(machine.observed(snapshot) == .pointPreview(version: "42"))
        #expect(machine.previewPointed() == .awaitRollout(deployment: "web-42"))
    }

    /// A Service deleted since it was observed (the guarded patch answers NotFound, reported as
    /// a conflict) is observed again and created, not patched.
    @Test func serviceGoneBeforeTheSwitchIsObservedAndCreated() {
        var machine = Self.machine()
        Self.throughImage(&machine)
        _ = machine.observed(ClusterSnapshot(versions: [Self.version("41")], service: Self.service(active: "41", rv: "3"), nodes: Self.nodes(3)))
        _ = machine.deploymentCreated()
        guard case .switchService = machine.rolloutSucceeded() else {
            Issue.record("expected the guarded switch")
            return
        }
        #expect(machine.switchConflict() == .observe)
        guard case .createService(let version, let history) = machine.observed(ClusterSnapshot(versions: [Self.version("41"), Self.version("42")], nodes: Self.nodes(3))) else {
            Issue.record("expected the Service to be created")
            return
        }
        #expect(version == "42")
        #expect(history.entries.first?.from == nil)
    }

    /// --no-switch stops once ready and reports the still-active version.
    @Test func noSwitchStopsWhenReady() {
        var machine = Self.machine { $0.switchTraffic = false }
        Self.throughImage(&machine)
        _ = machine.observed(ClusterSnapshot(versions: [Self.version("41")], service: Self.service(active: "41"), nodes: Self.nodes(3)))
        _ = machine.deploymentCreated()
        #expect(machine.rolloutSucceeded() == .releaseLock)
        let result = Self.success(machine.lockReleased())
        #expect(result?.status == .ready)
        #expect(result?.activeVersion == "41")
    }

    /// A lost resourceVersion race re-reads and retries, up to the limit, then exit 5.
    @Test func switchConflictRetriesThenGivesUp() {
        var machine = Self.machine()
        Self.throughImage(&machine)
        let base = ClusterSnapshot(versions: [Self.version("41")], service: Self.service(active: "41", rv: "1"), nodes: Self.nodes(3))
        _ = machine.observed(base)
        _ = machine.deploymentCreated()
        for attempt in 1...DeployStateMachine.switchAttempts {
            var snapshot = base
            snapshot.service?.resourceVersion = "\(attempt)"
            // The first attempt uses the observation from before the wait; each retry a fresh one.
            let action = attempt == 1 ? machine.rolloutSucceeded() : machine.observed(snapshot)
            guard case .switchService(_, _, let rv, _) = action else {
                Issue.record("expected a switch on attempt \(attempt)")
                return
            }
            #expect(rv == "\(attempt)")
            let next = machine.switchConflict()
            #expect(next == (attempt < DeployStateMachine.switchAttempts ? .observe : .releaseLock))
        }
        #expect(Self.failure(machine.lockReleased())?.exitCode == 5)
    }

    /// A switch whose answer was lost is looked at again: if it landed (our history entry is on
    /// top) the deploy reports it switched, once; if it did not, it is sent again.
    @Test func switchWithALostAnswerIsRecognisedOrRetried() {
        for landed in [true, false] {
            var machine = Self.machine()
            Self.throughImage(&machine)
            let base = ClusterSnapshot(versions: [Self.version("41")], service: Self.service(active: "41", rv: "1"), nodes: Self.nodes(3))
            _ = machine.observed(base)
            _ = machine.deploymentCreated()
            guard case .switchService(_, _, _, let history) = machine.rolloutSucceeded() else {
                Issue.record("expected a switch")
                return
            }
            #expect(machine.switchOutcomeUnknown(DeployFailure(.failed, "connection reset")) == .observe)
            var after = base
            if landed {
                after.service = Self.service(active: "42", rv: "2", history: history)
                #expect(machine.observed(after) == .recordEvent(from: "41", to: "42"))
                #expect(machine.eventRecorded() == .releaseLock)
                let result = Self.success(machine.lockReleased())
                #expect(result?.status == .switched)
                #expect(result?.previousVersion == "41")
            } else {
                after.service?.resourceVersion = "2"
                guard case .switchService(let to, _, let rv, _) = machine.observed(after) else {
                    Issue.record("expected the switch to be sent again")
                    return
                }
                #expect((to, rv) == ("42", "2"))
            }
        }
    }

    /// A Service that already selects the version is left alone (a re-run after a crash).
    @Test func alreadyActiveIsUnchanged() {
        var machine = Self.machine()
        Self.throughImage(&machine)
        let history = SwitchHistory().recording(.init(from: "41", to: "42", at: Self.now, by: "ci"))
        let snapshot = ClusterSnapshot(versions: [Self.version("41"), Self.version("42")], service: Self.service(active: "42", history: history), nodes: Self.nodes(3))
        #expect(machine.observed(snapshot) == .awaitRollout(deployment: "web-42"))
        #expect(machine.rolloutSucceeded() == .observe)
        #expect(machine.observed(snapshot) == .releaseLock)
        let result = Self.success(machine.lockReleased())
        #expect(result?.status == .unchanged)
        #expect(result?.previousVersion == "41")
    }

    /// A dry run takes no lock, changes nothing, and reports the plan.
    @Test func dryRunPlansWithoutChanging() {
        var machine = Self.machine { $0.dryRun = true }
        #expect(machine.start() == .resolveImage(Self.image))
        #expect(machine.imageResolved(digest: nil) == .observe)
        let result = Self.success(machine.observed(ClusterSnapshot(versions: [Self.version("41")], service: Self.service(active: "41"), nodes: Self.nodes(3))))
        #expect(result?.status == .planned)
        #expect(result?.plan.contains("would create Deployment web-42 (2 replica(s), \(Self.image))") == true)
        #expect(result?.plan.contains("would switch Service web from 41 to 42") == true)
    }

    /// A dry run still reports a capacity refusal with exit 3 (and has no lock to release).
    @Test func dryRunReportsNoCapacity() {
        var machine = Self.machine { $0.dryRun = true; $0.imageCheck = .skip }
        #expect(machine.start() == .observe)
        let action = machine.observed(ClusterSnapshot(versions: [Self.version("41")], service: Self.service(active: "41"), nodes: Self.nodes(1)))
        #expect(Self.failure(action)?.exitCode == 3)
    }

    /// A step that fails for its own reason releases the lock and keeps its kind.
    @Test func stepFailureReleasesTheLock() {
        var machine = Self.machine()
        Self.throughImage(&machine)
        _ = machine.observed(ClusterSnapshot(nodes: Self.nodes(3)))
        #expect(machine.stepFailed(DeployFailure(.unauthorized, "401 from the cluster")) == .releaseLock)
        #expect(Self.failure(machine.lockReleased())?.exitCode == 6)
    }

    /// A failure to release the lock or to record the Event does not change the outcome.
    @Test func bookkeepingFailuresAreNotFatal() {
        var machine = Self.machine()
        Self.throughImage(&machine)
        _ = machine.observed(ClusterSnapshot(versions: [Self.version("41")], service: Self.service(active: "41"), nodes: Self.nodes(3)))
        _ = machine.deploymentCreated()
        _ = machine.rolloutSucceeded()
        _ = machine.serviceSwitched()
        #expect(machine.stepFailed(DeployFailure(.failed, "events forbidden")) == .releaseLock)
        let result = Self.success(machine.stepFailed(DeployFailure(.failed, "lease gone")))
        #expect(result?.status == .switched)
    }

    /// An event out of order is an internal error that still releases the lock.
    @Test func outOfOrderEventIsAnInternalError() {
        var machine = Self.machine()
        _ = machine.start()
        _ = machine.lockAcquired()
        #expect(machine.serviceSwitched() == .releaseLock)
        #expect(Self.failure(machine.lockReleased())?.message.contains("internal error") == true)
    }
}
