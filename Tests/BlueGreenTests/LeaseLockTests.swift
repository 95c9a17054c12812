import Foundation
import Synchronization
import Testing

@testable import BlueGreen

struct LeaseLockTests {
    /// A sleep that advances the test clock instead of waiting.
    static func sleeper(_ clock: TestClock) -> @Sendable (Duration) async throws -> Void {
        { duration in
            try Task.checkCancellation()
            clock.advance(duration.timeInterval)
            await Task.yield()
        }
    }

    /// --lock-wait waits out a live holder's claim and then takes the lock over.
    @Test func waitsForAnExpiringHolder() async throws {
        let clock = TestClock()
        let cluster = InMemoryCluster(now: clock.provider)
        _ = try await cluster.createLease(app: "web", claim: LeaseClaim(holder: "other", durationSeconds: 10, acquireTime: clock.now, renewTime: clock.now, operation: "deploy 7", transitions: 0))
        let lock = LeaseLock(cluster: cluster, app: "web", identity: "me", operation: "deploy 8", now: clock.provider, sleep: { _ in try await Task.sleep(for: Duration.seconds(3600)) })
        #expect(try await lock.acquire() == .busy(holder: "other", operation: "deploy 7", until: clock.now.addingTimeInterval(10)))
        let waiting = LeaseLock(cluster: cluster, app: "web", identity: "me", operation: "deploy 8", now: clock.provider, sleep: Self.sleeper(clock))
        #expect(try await waiting.acquire(wait: Duration.seconds(60)) == .acquired(takeover: true))
        let lease = cluster.snapshotState.lease
        #expect(lease?.holder == "me")
        #expect(lease?.transitions == 1)
        #expect(lease?.operation == "deploy 8")
        try await waiting.release()
        #expect(cluster.snapshotState.lease == nil)
    }

    /// A wait shorter than the holder's claim gives up with busy.
    @Test func shortWaitGivesUp() async throws {
        let clock = TestClock()
        let cluster = InMemoryCluster(now: clock.provider)
        _ = try await cluster.createLease(app: "web", claim: LeaseClaim(holder: "other", durationSeconds: 30, acquireTime: clock.now, renewTime: clock.now, operation: "x", transitions: 0))
        let lock = LeaseLock(cluster: cluster, app: "web", identity: "me", operation: "y", now: clock.provider, sleep: Self.sleeper(clock))
        guard case .busy = try await lock.acquire(wait: Duration.seconds(5)) else {
            Issue.record("expected busy")
            return
        }
        #expect(cluster.snapshotState.lease?.holder == "other")
    }

    /// A renewal that landed but was still unanswered when the lock was released (its answer
    /// cut off by the release) does not leave the Lease behind: the release sees its own newer
    /// claim and deletes that.
    @Test func releaseDuringAnUnansweredRenewalDeletesTheLease() async throws {
        let (clock, cluster, ticks, lock) = try await Self.heldLockRenewingOnTicks()
        let first = cluster.snapshotState.lease!
        cluster.hangLeaseUpdatesAfterApplying(true)
        clock.advance(10)
        await ticks.tick()
        try await waitUntil { cluster.snapshotState.lease?.resourceVersion != first.resourceVersion }
        try await lock.release()
        #expect(cluster.snapshotState.lease == nil)
    }

    /// While held, the claim is renewed; when someone else rewrites the Lease, the lock is lost
    /// and release leaves their claim alone.
    @Test func renewsAndNoticesLoss() async throws {
        let (clock, cluster, ticks, lock) = try await Self.heldLockRenewingOnTicks()
        let first = cluster.snapshotState.lease!
        clock.advance(10)
        await ticks.tick()
        try await waitUntil { cluster.snapshotState.lease?.renewTime != first.renewTime }
        #expect(cluster.snapshotState.lease?.renewTime == clock.now)
        #expect(await lock.isHeld)
        // Someone takes the Lease over behind our back.
        let theirs = try await cluster.updateLease(app: "web", claim: LeaseClaim(holder: "thief", durationSeconds: 30, acquireTime: clock.now, renewTime: clock.now, operation: "z", transitions: 1), resourceVersion: cluster.snapshotState.lease!.resourceVersion)
        await ticks.tick()
        try await waitUntil { await !lock.isHeld }
        try await lock.release()
        #expect(cluster.snapshotState.lease == theirs)
    }

    /// A renewal refused with a conflict because the Lease changed under our own name (an
    /// earlier renewal that landed though its answer was lost) keeps the lock and renews again.
    @Test func conflictUnderOurOwnNameKeepsTheLock() async throws {
        let (clock, cluster, ticks, lock) = try await Self.heldLockRenewingOnTicks()
        let ours = cluster.snapshotState.lease!
        // The Lease moves on without us hearing of it, still naming us.
        clock.advance(5)
        let moved = try await cluster.updateLease(
            app: "web", claim: LeaseClaim(holder: "me", durationSeconds: 30, acquireTime: clock.now, renewTime: clock.now, operation: "deploy", transitions: 0),
            resourceVersion: ours.resourceVersion)
        #expect(moved.resourceVersion != ours.resourceVersion)
        clock.advance(5)
        // The first renewal is refused (stale version) and adopts the Lease's; the second lands.
        await ticks.tick()
        await ticks.tick()
        try await waitUntil { cluster.snapshotState.lease?.renewTime == clock.now }
        #expect(await lock.isHeld)
        #expect(cluster.snapshotState.lease?.holder == "me")
    }

    /// A lock "me" holds on a fresh in-memory cluster, whose renewals each wait for a tick.
    static func heldLockRenewingOnTicks() async throws -> (TestClock, InMemoryCluster, TickSource, LeaseLock) {
        let clock = TestClock()
        let cluster = InMemoryCluster(now: clock.provider)
        let ticks = TickSource()
        let lock = LeaseLock(cluster: cluster, app: "web", identity: "me", operation: "deploy", now: clock.provider, sleep: { _ in try await ticks.next() })
        #expect(try await lock.acquire() == .acquired(takeover: false))
        return (clock, cluster, ticks, lock)
    }

    func waitUntil(_ condition: @Sendable () async -> Bool) async throws {
        for _ in 0..<2000 {
            if await condition() { return }
            try await Task.sleep(for: .milliseconds(1))
        }
        Issue.record("condition never became true")
    }
}

/// Lets a waiting "sleep" continue once per tick.
actor TickSource {
    private var available = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func tick() {
        if waiters.isEmpty { available += 1 } else { waiters.removeFirst().resume() }
    }

    func next() async throws {
        if available > 0 {
            available -= 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
        try Task.checkCancellation()
    }
}
