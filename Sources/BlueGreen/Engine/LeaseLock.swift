import Foundation
import Logging

/// The lock between pipelines: the Lease `<app>-bluegreen`, held by one identity at a time,
/// renewed in the background while held, released at the end, and taken over only once the
/// holder's claim has expired (a pipeline that died without releasing it).
public actor LeaseLock {
    /// How an attempt to take the lock ended.
    public enum Outcome: Sendable, Equatable {
        case acquired(takeover: Bool)
        case busy(holder: String, operation: String?, until: Date)
    }

    public nonisolated let app: String
    public nonisolated let identity: String
    private let cluster: any BlueGreenCluster
    private let operation: String
    private let duration: Duration
    private let now: @Sendable () -> Date
    private let sleep: @Sendable (Duration) async throws -> Void
    private let logger: Logger

    private var resourceVersion: String?
    private var claim: LeaseClaim?
    private var renewal: Task<Void, Never>?
    private var lost = false

    /// - Parameters:
    ///   - duration: how long a claim lasts without renewal (renewed every third of it).
    public init(
        cluster: any BlueGreenCluster, app: String, identity: String, operation: String, duration: Duration = .seconds(30),
        now: @escaping @Sendable () -> Date = { Date() },
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        logger: Logger = Logger(label: "bluegreen.lock", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.cluster = cluster
        self.app = app
        self.identity = identity
        self.operation = operation
        self.duration = duration
        self.now = now
        self.sleep = sleep
        self.logger = logger
    }

    /// Whether the lock is still ours: false once a renewal found another holder.
    public var isHeld: Bool { claim != nil && !lost }

    /// How many writes of the Lease may go unanswered (and be looked at again) in one acquire.
    static let unansweredWrites = 3

    /// Takes the lock, waiting up to `wait` for a live holder to let go.
    ///
    /// The first attempt creates the Lease without reading it: the last holder normally deleted
    /// it, and a create is atomic (AlreadyExists when it is there), so assuming it absent costs one
    /// refused create when it is not, and saves a read when it is. A create or update whose
    /// answer is lost (a dropped connection, a 5xx) may have been applied: the Lease is read
    /// again, and one that names this identity is ours to update.
    public func acquire(wait: Duration = .zero) async throws -> Outcome {
        let deadline = now().addingTimeInterval(wait.timeInterval)
        var unanswered = 0
        var assumeAbsent = true
        while true {
            try Task.checkCancellation()
            let lease = assumeAbsent ? nil : try await cluster.readLease(app: app)
            assumeAbsent = false
            let at = now()
            switch LockDecision.decide(lease: lease, identity: identity, now: at) {
            case .create:
                let claim = makeClaim(at: at, transitions: 0)
                do {
                    let created = try await cluster.createLease(app: app, claim: claim)
                    held(claim, resourceVersion: created.resourceVersion)
                    return .acquired(takeover: false)
                } catch let error as ClusterError where error.code == .alreadyExists {
                    continue  // another pipeline was faster: look again
                } catch where DeployEngine.outcomeUnknown(error) && unanswered < Self.unansweredWrites {
                    unanswered += 1
                    continue
                }
            case .acquire(let resourceVersion, let takeover):
                let previous = lease?.transitions ?? 0
                let claim = makeClaim(at: at, transitions: lease?.holder == identity ? previous : previous + 1)
                do {
                    let updated = try await cluster.updateLease(app: app, claim: claim, resourceVersion: resourceVersion)
                    if takeover { logger.warning("took over an expired lock", metadata: ["previous-holder": "\(lease?.holder ?? "")"]) }
                    held(claim, resourceVersion: updated.resourceVersion)
                    return .acquired(takeover: takeover)
                } catch let error as ClusterError where error.code == .conflict {
                    continue
                } catch where DeployEngine.outcomeUnknown(error) && unanswered < Self.unansweredWrites {
                    unanswered += 1
                    continue
                }
            case .busy(let holder, let operation, let until):
                let remaining = deadline.timeIntervalSince(at)
                guard remaining > 0 else { return .busy(holder: holder, operation: operation, until: until) }
                let pause = min(remaining, max(0.2, min(2, until.timeIntervalSince(at))))
                try await sleep(.milliseconds(Int64(pause * 1000)))
            }
        }
    }

    /// Releases the lock if it is still ours. Idempotent.
    public func release() async throws {
        let renewing = renewal
        renewal?.cancel()
        renewal = nil
        // A renewal in flight when the release starts may still land: wait for it to end, so
        // that the delete carries the newest resourceVersion this lock has seen.
        await renewing?.value
        defer { claim = nil }
        guard claim != nil, !lost, var resourceVersion else { return }
        for attempt in 1...Self.unansweredWrites {
            do {
                try await cluster.deleteLease(app: app, resourceVersion: resourceVersion)
                return
            } catch let error as ClusterError where error.code == .notFound {
                return  // already gone
            } catch let error as ClusterError where error.code == .conflict {
                // Changed since this lock's last answered write. A renewal that was cancelled in
                // flight, or whose answer was lost, may have landed: a Lease that still names
                // this identity is ours to delete; one that names another holder is not.
                guard attempt < Self.unansweredWrites, let lease = try await cluster.readLease(app: app), lease.holder == identity else { return }
                resourceVersion = lease.resourceVersion
            }
        }
    }

    // MARK: - Renewal

    private func held(_ claim: LeaseClaim, resourceVersion: String) {
        self.claim = claim
        self.resourceVersion = resourceVersion
        lost = false
        renewal?.cancel()
        let interval = duration / 3
        renewal = Task { [weak self, sleep] in
            while !Task.isCancelled {
                do { try await sleep(interval) } catch { return }
                guard let self, await self.renew() else { return }
            }
        }
    }

    /// Renews the claim once; returns false when the lock is lost (the loop then stops).
    private func renew() async -> Bool {
        guard let current = claim, let resourceVersion, !lost else { return false }
        let at = now()
        var renewed = current
        renewed.renewTime = at
        do {
            let updated = try await cluster.updateLease(app: app, claim: renewed, resourceVersion: resourceVersion)
            claim = renewed
            self.resourceVersion = updated.resourceVersion
            return true
        } catch is CancellationError {
            return false
        } catch let error as ClusterError where error.code == .conflict || error.code == .notFound {
            // A conflict may also be an earlier renewal that landed though its answer was lost:
            // only a Lease that no longer names us means the lock is gone.
            if error.code == .conflict, let lease = try? await cluster.readLease(app: app), lease.holder == identity {
                self.resourceVersion = lease.resourceVersion
                return true
            }
            logger.error("lost the lock: the Lease was changed by someone else", metadata: ["lease": "\(Names.lease(app: app))"])
            lost = true
            return false
        } catch {
            // A passing failure: keep trying while the last claim is still valid.
            if at.timeIntervalSince(current.renewTime) > duration.timeInterval {
                lost = true
                return false
            }
            logger.warning("could not renew the lock; retrying", metadata: ["error": "\(error)"])
            return true
        }
    }

    private func makeClaim(at: Date, transitions: Int) -> LeaseClaim {
        LeaseClaim(
            holder: identity, durationSeconds: max(1, Int(duration.components.seconds)), acquireTime: at, renewTime: at,
            operation: operation, transitions: transitions)
    }
}

extension Duration {
    /// The duration in (fractional) seconds, as Foundation's `TimeInterval`.
    var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
