import Foundation
import Testing

@testable import BlueGreen

struct RouteAndPurgeEngineTests {
    /// Versions 1…4 of web (created in that order), 4 active after switches 1→2→3→4.
    static func cluster(_ clock: TestClock, ready: Set<String> = ["1", "2", "3", "4"]) -> InMemoryCluster {
        var state = InMemoryCluster.State()
        for index in 1...4 {
            let v = "\(index)"
            let up = ready.contains(v) ? 2 : 0
            state.versions[v] = VersionState(
                version: v, deploymentName: "web-\(v)", image: "r/web:\(v)", desiredReplicas: 2, readyReplicas: up, availableReplicas: up,
                updatedReplicas: 2, totalReplicas: 2, created: clock.now.addingTimeInterval(Double(index) * 60), uid: "u\(v)", resourceVersion: "\(index)")
        }
        var history = SwitchHistory()
        for index in 1...4 {
            history = history.recording(.init(from: index == 1 ? nil : "\(index - 1)", to: "\(index)", at: clock.now, by: "ci"))
        }
        state.serviceVersion = "4"
        state.serviceAnnotations = history.annotations
        state.serviceResourceVersion = 10
        return InMemoryCluster(state, now: clock.provider)
    }

    static func options(_ identity: String, wait: Duration = .zero) -> DeployEngine.Options {
        DeployEngine.Options(identity: identity, lockWait: wait)
    }

    static let noRenewal: @Sendable (Duration) async throws -> Void = { _ in try await Task.sleep(for: .seconds(3600)) }

    /// Listing is newest first with the active and previous versions named.
    @Test func listsVersions() async throws {
        let clock = TestClock()
        let listing = try await RouteEngine(cluster: Self.cluster(clock), options: Self.options("a"), now: clock.provider).list(app: "web").get()
        #expect(listing.versions.map(\.version) == ["4", "3", "2", "1"])
        #expect(listing.active == "4")
        #expect(listing.previous == "3")
        #expect(listing.versions.first?.ageSeconds == 0)
    }

    /// Route switches to a ready version, records the switch, and releases the lock.
    @Test func routesToAReadyVersion() async throws {
        let clock = TestClock()
        let cluster = Self.cluster(clock)
        let engine = RouteEngine(cluster: cluster, options: Self.options("a"), now: clock.provider, sleep: Self.noRenewal)
        let outcome = try await engine.route(app: "web", to: .version("2"), actor: "me").get()
        #expect(outcome == .init(app: "web", from: "4", to: "2", changed: true, dryRun: false))
        #expect(cluster.snapshotState.serviceVersion == "2")
        #expect(cluster.snapshotState.lease == nil)
        #expect(cluster.snapshotState.events.last == "Switched: switched web from 4 to 2")
    }

    /// Route refuses a version that is not ready (exit 4) and changes nothing.
    @Test func refusesAVersionThatIsNotReady() async throws {
        let clock = TestClock()
        let cluster = Self.cluster(clock, ready: ["1", "2", "4"])
        let failure = await RouteEngine(cluster: cluster, options: Self.options("a"), now: clock.provider, sleep: Self.noRenewal).route(app: "web", to: .version("3"), actor: "me").failure
        #expect(failure?.exitCode == 4)
        #expect(cluster.snapshotState.serviceVersion == "4")
        #expect(cluster.snapshotState.lease == nil)
    }

    /// Rollback returns to the previous version from the history, and a second rollback goes back again.
    @Test func rollsBack() async throws {
        let clock = TestClock()
        let cluster = Self.cluster(clock)
        let engine = RouteEngine(cluster: cluster, options: Self.options("a"), now: clock.provider, sleep: Self.noRenewal)
        #expect(try await engine.route(app: "web", to: .rollback, actor: "me").get().to == "3")
        #expect(try await engine.route(app: "web", to: .rollback, actor: "me").get().to == "4")
        #expect(cluster.snapshotState.events.last == "RolledBack: switched web from 3 to 4")
    }

    /// A dry run names the switch and changes nothing (no lock either).
    @Test func dryRunChangesNothing() async throws {
        let clock = TestClock()
        let cluster = Self.cluster(clock)
        let before = cluster.snapshotState
        let outcome = try await RouteEngine(cluster: cluster, options: Self.options("a"), now: clock.provider).route(app: "web", to: .version("1"), actor: "me", dryRun: true).get()
        #expect(outcome == .init(app: "web", from: "4", to: "1", changed: false, dryRun: true))
        #expect(cluster.snapshotState == before)
    }

    /// Purge deletes the idle versions, keeping the newest N, never the active one.
    @Test func purgesIdleVersions() async throws {
        let clock = TestClock()
        let cluster = Self.cluster(clock)
        let outcome = try await PurgeEngine(cluster: cluster, options: Self.options("p"), now: clock.provider, sleep: Self.noRenewal).purge(app: "web", keep: 1).get()
        #expect(outcome.kept == ["3"])
        #expect(outcome.deleted == ["2", "1"])
        #expect(Set(cluster.snapshotState.versions.keys) == ["3", "4"])
        #expect(cluster.snapshotState.lease == nil)
    }

    /// A purge dry run lists what would go and deletes nothing.
    @Test func purgeDryRun() async throws {
        let clock = TestClock()
        let cluster = Self.cluster(clock)
        let outcome = try await PurgeEngine(cluster: cluster, options: Self.options("p"), now: clock.provider).purge(app: "web", keep: 0, dryRun: true).get()
        #expect(outcome.deleted == ["3", "2", "1"])
        #expect(cluster.snapshotState.versions.count == 4)
    }

    /// A purge while another pipeline holds the lock is refused with exit 5.
    @Test func purgeRespectsTheLock() async throws {
        let clock = TestClock()
        let cluster = Self.cluster(clock)
        _ = try await cluster.createLease(app: "web", claim: LeaseClaim(holder: "deployer", durationSeconds: 30, acquireTime: clock.now, renewTime: clock.now, operation: "deploy 5", transitions: 0))
        let failure = await PurgeEngine(cluster: cluster, options: Self.options("p"), now: clock.provider, sleep: Self.noRenewal).purge(app: "web", keep: 0).failure
        #expect(failure?.exitCode == 5)
        #expect(failure?.message.contains("deploy 5") == true)
        #expect(cluster.snapshotState.versions.count == 4)
    }

    /// Purge and a switch racing each other (both waiting for the lock) never leave the Service
    /// selecting a deleted version, in either order.
    @Test(arguments: 0..<40)
    func purgeRacingASwitchKeepsTheActiveVersion(round: Int) async throws {
        let clock = TestClock()
        let cluster = Self.cluster(clock)
        let realSleep: @Sendable (Duration) async throws -> Void = { duration in try await Task.sleep(for: min(duration, .milliseconds(2))) }
        let route = RouteEngine(cluster: cluster, options: Self.options("route", wait: .seconds(3600)), now: clock.provider, sleep: realSleep)
        let purge = PurgeEngine(cluster: cluster, options: Self.options("purge", wait: .seconds(3600)), now: clock.provider, sleep: realSleep)
        let target = "\(1 + round % 3)"
        async let routed = route.route(app: "web", to: .version(target), actor: "me")
        async let purged = purge.purge(app: "web", keep: 0)
        let (routeResult, purgeResult) = await (routed, purged)
        let state = cluster.snapshotState
        let active = try #require(state.serviceVersion)
        #expect(state.versions[active] != nil, "the Service selects \(active), which was deleted (route: \(routeResult), purge: \(purgeResult))")
        #expect((try? purgeResult.get()) != nil)
        #expect(state.lease == nil)
    }
}
