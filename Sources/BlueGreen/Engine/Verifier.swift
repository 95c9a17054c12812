import Foundation
import SDKCore

/// Runs the `--verify-command` shell command against a ready version, before the switch.
public struct Verifier: Sendable {
    public var command: String
    public var timeout: Duration
    private let runner: ProcessRunner

    public init(command: String, timeout: Duration = .seconds(300), runner: ProcessRunner = ProcessRunner()) {
        self.command = command
        self.timeout = timeout
        self.runner = runner
    }

    /// Runs the command with the version's `BLUEGREEN_*` variables; its output is captured for
    /// the failure report. A command that outlives `timeout` is killed and counts as failed.
    public func run(_ context: VerificationContext) async throws -> VerificationOutcome {
        let outcome = try await runner.run(.shell(command, environment: context.environment), timeout: timeout)
        let output = outcome.standardOutputText + outcome.standardErrorText
        if outcome.timedOut {
            return VerificationOutcome(exitCode: 124, output: output + "\nthe verification command was stopped after \(DurationFormat.format(timeout))")
        }
        return VerificationOutcome(exitCode: outcome.exitCode, output: output)
    }
}
