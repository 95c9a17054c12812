import Foundation
import SDKCore
import Testing

struct ProcessRunnerTests {
    let runner = ProcessRunner()

    /// Standard output, standard error and the exit code come back separately.
    @Test func capturesOutputsAndExitCode() async throws {
        let outcome = try await runner.run(.shell("echo out; echo err >&2; exit 3"))
        #expect(outcome.exitCode == 3)
        #expect(outcome.standardOutputText == "out\n")
        #expect(outcome.standardErrorText == "err\n")
        #expect(!outcome.succeeded)
    }

    /// Standard input reaches the child and the environment is merged over the inherited one.
    @Test func feedsStandardInputAndEnvironment() async throws {
        let command = ProcessRunner.Command(
            "/bin/sh", arguments: ["-c", "read line; echo \"$line-$EXTRA\""],
            environment: ["EXTRA": "set"], standardInput: Array("hello\n".utf8))
        let outcome = try await runner.run(command)
        #expect(outcome.succeeded)
        #expect(outcome.standardOutputText == "hello-set\n")
    }

    /// A child that outlives its timeout is killed and reported as timed out.
    @Test func killsOnTimeout() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let outcome = try await runner.run(.shell("sleep 30"), timeout: .milliseconds(300))
        #expect(outcome.timedOut)
        #expect(!outcome.succeeded)
        #expect(clock.now - start < .seconds(10))
    }

    /// A program that does not exist is a launch error naming it, not a crash.
    @Test func missingProgramIsAClearError() async {
        await #expect(throws: ProcessRunner.LaunchError.self) {
            _ = try await runner.run(.init("definitely-not-a-program-xyz"))
        }
        do {
            _ = try await runner.run(.init("definitely-not-a-program-xyz"))
        } catch {
            #expect("\(error)".contains("definitely-not-a-program-xyz"))
            #expect("\(error)".contains("not found on PATH"))
        }
    }
}
