import Foundation
import SDKCore
import Testing

/// Timeouts, cancellation, process groups and the signal state children start with.
struct ProcessRunnerTerminationTests {
    let runner = ProcessRunner()

    // Wall-clock bounds here are loose on purpose: the whole suite runs in parallel on the
    // cooperative pool, and on a loaded two-core CI machine a waiting task may not run for tens of
    // seconds. What proves the behaviour is the signal that ended the child (SIGTERM, not the
    // SIGKILL that follows the grace period) and a child that would otherwise run for ten minutes.

    /// A child that outlives its timeout is stopped by SIGTERM (not the later SIGKILL), and the
    /// run returns long before the child would have ended.
    @Test func killsOnTimeout() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let outcome = try await ProcessRunner(terminationGracePeriod: .seconds(600)).run(.shell("sleep 600"), timeout: .milliseconds(300))
        let elapsed = clock.now - start
        #expect(outcome.timedOut)
        #expect(!outcome.succeeded)
        #expect(outcome.signal == SIGTERM)
        #expect(elapsed < .seconds(120), "took \(elapsed)")
    }

    /// Output printed before the timeout is kept in the outcome.
    @Test func keepsOutputPrintedBeforeTheTimeout() async throws {
        let outcome = try await runner.run(.shell("echo early; echo warn >&2; sleep 30"), timeout: .milliseconds(500))
        #expect(outcome.timedOut)
        #expect(outcome.standardOutputText == "early\n")
        #expect(outcome.standardErrorText == "warn\n")
    }

    /// Cancelling the calling task stops the child with SIGTERM and still returns its outcome.
    @Test func cancellationStopsTheChild() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let task = Task { try await ProcessRunner(terminationGracePeriod: .seconds(600)).run(.shell("echo started; exec sleep 600")) }
        try await Task.sleep(for: .milliseconds(300))
        task.cancel()
        let outcome = try await task.value
        #expect(outcome.signal == SIGTERM)
        #expect(!outcome.timedOut)
        #expect(outcome.standardOutputText == "started\n")
        #expect(clock.now - start < .seconds(120))
    }

    /// The child leads a new process group, apart from ours.
    @Test func childLeadsItsOwnProcessGroup() async throws {
        let outcome = try await runner.run(.init("cat", arguments: ["/proc/self/stat"]))
        let fields = try Self.statFields(outcome.standardOutputText)
        #expect(fields.pgrp == fields.pid)
        #expect(fields.pgrp != getpgrp())
    }

    /// A timeout stops the whole group: a grandchild that ignores SIGTERM gets SIGKILL after the
    /// grace period, while `run` itself returns as soon as the child is gone.
    @Test func timeoutKillsTheWholeGroup() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let script = "(trap '' TERM; exec sleep 600) & echo $!; exec sleep 600"
        // The grace period is long so that a starved test pool (tens of seconds on a loaded
        // machine) still returns well within it; "run did not wait" is proven by state: the
        // grandchild, which only the grace period's SIGKILL ends, is still alive on return.
        let outcome = try await ProcessRunner(terminationGracePeriod: .seconds(60)).run(.shell(script), timeout: .milliseconds(300))
        #expect(outcome.timedOut)
        #expect(outcome.signal == SIGTERM)
        let grandchild = try #require(pid_t(outcome.standardOutputText.trimmingCharacters(in: .whitespacesAndNewlines)))
        defer { kill(grandchild, SIGKILL) }
        #expect(Self.isAlive(grandchild), "run waited for the grandchild: it ignores SIGTERM, so it must be alive until the grace period ends")
        var gone = false
        while clock.now - start < .seconds(180) {
            if !Self.isAlive(grandchild) {
                gone = true
                break
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(gone, "the grandchild survived the grace period")
    }

    /// A child that exits while a process it started in the background still holds its output
    /// open ends the run; the run does not wait for the background process.
    @Test func backgroundGrandchildDoesNotHoldTheRun() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let outcome = try await runner.run(.shell("sleep 600 & echo $!"))
        #expect(!outcome.timedOut)
        #expect(outcome.succeeded)
        let grandchild = try #require(pid_t(outcome.standardOutputText.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(Self.isAlive(grandchild), "the run must end while the background process still holds its output")
        kill(grandchild, SIGKILL)
        #expect(clock.now - start < .seconds(120))
    }

    /// Children start with an empty signal mask and default actions even when this process has
    /// SIGTERM blocked and ignored (as libdispatch signal sources and test runners leave it).
    ///
    /// The mask is per thread: it is blocked on the calling thread, where an implementation that
    /// spawns inline (Foundation's `Process`) would pass it on. It stays blocked there afterwards,
    /// because after the `await` this code may run on another thread, where restoring would be wrong.
    @Test func childStartsWithDefaultSignalHandling() async throws {
        let sigterm: UInt64 = 1 << UInt64(SIGTERM - 1)
        var blocked = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &blocked, nil)
        var ignore = sigaction()
        ignore.__sigaction_handler.sa_handler = SIG_IGN
        var previousAction = sigaction()
        sigaction(SIGTERM, &ignore, &previousAction)
        defer { sigaction(SIGTERM, &previousAction, nil) }

        // The parent really is in the state under test.
        let parent = try Self.signalMasks(String(contentsOfFile: "/proc/thread-self/status", encoding: .utf8))
        #expect(parent.blocked & sigterm != 0)
        #expect(parent.ignored & sigterm != 0)

        let outcome = try await runner.run(.init("cat", arguments: ["/proc/self/status"]))
        let child = try Self.signalMasks(outcome.standardOutputText)
        #expect(child.blocked & sigterm == 0, "SigBlk \(String(child.blocked, radix: 16))")
        #expect(child.ignored & sigterm == 0, "SigIgn \(String(child.ignored, radix: 16))")
    }

    struct Unparsable: Error, CustomStringConvertible {
        var description: String
    }

    /// The `SigBlk` and `SigIgn` masks of a `/proc/<pid>/status` text.
    static func signalMasks(_ status: String) throws -> (blocked: UInt64, ignored: UInt64) {
        func mask(_ name: String) throws -> UInt64 {
            let line = status.split(separator: "\n").first { $0.hasPrefix("\(name):") }
            guard let line, let value = UInt64(line.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces), radix: 16) else {
                throw Unparsable(description: "no \(name) line in:\n\(status)")
            }
            return value
        }
        return (try mask("SigBlk"), try mask("SigIgn"))
    }

    /// The process ID and process group of a `/proc/<pid>/stat` line.
    static func statFields(_ stat: String) throws -> (pid: pid_t, pgrp: pid_t) {
        // pid (comm) state ppid pgrp …; comm may hold spaces, so split after its ')'.
        guard let close = stat.lastIndex(of: ")"), let pid = pid_t(stat.prefix { $0 != " " }) else {
            throw Unparsable(description: "not a stat line: \(stat)")
        }
        let rest = stat[stat.index(after: close)...].split(separator: " ")
        guard rest.count > 2, let pgrp = pid_t(rest[2]) else { throw Unparsable(description: "not a stat line: \(stat)") }
        return (pid, pgrp)
    }

    /// Whether `pid` is a live process (a zombie awaiting its reaper counts as gone).
    static func isAlive(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") else { return false }
        let state = stat[stat.index(after: close)...].split(separator: " ").first
        return state != "Z" && state != "X"
    }
}
