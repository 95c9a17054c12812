import Foundation
internal import Subprocess

extension ProcessRunner {
    /// One run of a child: starts it through swift-subprocess, enforces the timeout, and turns
    /// what swift-subprocess reports into an ``Outcome``.
    ///
    /// Stopping is cancellation: when the timeout passes (or the caller's task is cancelled) the
    /// task running the child is cancelled, and swift-subprocess plays the configuration's
    /// teardown sequence (SIGTERM to the group, SIGKILL to the group after the grace period),
    /// stops reading output (keeping what was already read) and returns once the child is gone.
    struct Supervision: Sendable {
        var configuration: Configuration
        var command: Command
        var timeout: Duration?
        /// Whether the child leads its own process group (see `ProcessRunner.run`).
        var leadsGroup: Bool
        /// How long the child and its group have between SIGTERM and SIGKILL.
        var gracePeriod: Duration

        func execute<Output: OutputProtocol, Failure: ErrorOutputProtocol>(
            input: FileDescriptorInput, output: Output, error: Failure
        ) async throws -> Outcome {
            let stop = StopRequest()
            let configuration = configuration
            let timeout = timeout
            let result: ExecutionResult<Void, Output, Failure>
            do {
                result = try await withTaskCancellationHandler {
                    try await withThrowingTaskGroup(of: ExecutionResult<Void, Output, Failure>?.self) { group in
                        group.addTask { try await Subprocess.run(configuration, input: input, output: output, error: error) }
                        if let timeout {
                            group.addTask {
                                do { try await Task.sleep(for: timeout) } catch { return nil }
                                stop.record(timedOut: true)
                                return nil
                            }
                        }
                        var finished: ExecutionResult<Void, Output, Failure>?
                        while let next = try await group.next() {
                            if let next {
                                finished = next
                                group.cancelAll()
                            } else if stop.timedOut {
                                group.cancelAll()
                            }
                        }
                        // The task running the child always ends with a result or an error.
                        guard let finished else { throw CancellationError() }
                        return finished
                    }
                } onCancel: {
                    stop.record(timedOut: false)
                }
            } catch let failure as SubprocessError {
                throw launchError(failure)
            }

            if leadsGroup, let stoppedAt = stop.instant {
                Self.killStragglers(inGroup: result.processIdentifier.value, at: stoppedAt + gracePeriod)
            }
            let exitCode: Int32
            let signal: Int32?
            switch result.terminationStatus {
            case .exited(let code): (exitCode, signal) = (code, nil)
            case .signaled(let number): (exitCode, signal) = (128 + number, number)
            }
            return Outcome(
                exitCode: exitCode,
                signal: signal,
                standardOutput: (result.standardOutput as? [UInt8]) ?? [],
                standardError: (result.standardError as? [UInt8]) ?? [],
                timedOut: stop.timedOut
            )
        }

        /// A failure to start the child as a ``LaunchError`` that says what to fix; other
        /// failures (reading its output, watching it) pass through.
        private func launchError(_ failure: SubprocessError) -> any Error {
            let reason: String
            switch failure.code {
            case .failedToChangeWorkingDirectory:
                reason = "cannot change to the working directory '\(command.workingDirectory ?? "")'; check that it exists and is a directory"
            case .executableNotFound, .spawnFailed:
                let cause = failure.underlyingError.map { "\($0)" } ?? "\(failure)"
                reason = "the system could not start it (\(cause)); check that it is a program, or a script that starts with #!, and that it is executable"
            default:
                return failure
            }
            return LaunchError(executable: command.executable, reason: reason)
        }

        /// Once a stopped child is gone, whatever is left of its process group (a process it
        /// started that ignores SIGTERM) gets SIGKILL at `deadline`. Nobody waits for this: the
        /// child's exit already ended the run.
        private static func killStragglers(inGroup group: pid_t, at deadline: ContinuousClock.Instant) {
            guard group > 0, kill(-group, 0) == 0 else { return }
            Task.detached {
                try? await Task.sleep(until: deadline, clock: .continuous)
                kill(-group, SIGKILL)
            }
        }
    }
}
