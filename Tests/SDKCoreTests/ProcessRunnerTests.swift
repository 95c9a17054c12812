import Foundation
import SDKCore
import Testing

struct ProcessRunnerTests {
    let runner = ProcessRunner()

    /// Standard output, standard error and the exit code come back separately.
    @Test func capturesOutputsAndExitCode() async throws {
        let outcome = try await runner.run(.shell("echo out; echo err >&2; exit 3"))
        #expect(outcome.exitCode == 3)
        #expect(outcome.signal == nil)
        #expect(outcome.standardOutputText == "out\n")
        #expect(outcome.standardErrorText == "err\n")
        #expect(!outcome.succeeded)
    }

    /// Standard input reaches the child and the environment is merged over the inherited one.
    @Test func feedsStandardInputAndEnvironment() async throws {
        let command = ProcessRunner.Command(
            "/bin/sh", arguments: ["-c", "read line; echo \"$line-$EXTRA-$HOME\""],
            environment: ["EXTRA": "set"], standardInput: Array("hello\n".utf8))
        let outcome = try await runner.run(command)
        #expect(outcome.succeeded)
        #expect(outcome.standardOutputText == "hello-set-\(ProcessInfo.processInfo.environment["HOME"] ?? "")\n")
    }

    /// With `inheritEnvironment: false` the child sees only the command's variables.
    @Test func environmentCanBeExact() async throws {
        let env = try #require(["/usr/bin/env", "/bin/env"].first { FileManager.default.isExecutableFile(atPath: $0) })
        let outcome = try await runner.run(.init(env, environment: ["ONLY": "this"], inheritEnvironment: false))
        #expect(outcome.standardOutputText == "ONLY=this\n")
    }

    /// Without `standardInput` the child reads an empty input, not ours.
    @Test func standardInputIsEmptyByDefault() async throws {
        let outcome = try await runner.run(.shell("wc -c"))
        #expect(outcome.standardOutputText.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
    }

    /// A child killed by a signal reports it, and an exit code of 128 + the signal as a shell does.
    @Test func signalDeathIsReported() async throws {
        let outcome = try await runner.run(.shell("kill -KILL $$"))
        #expect(outcome.signal == SIGKILL)
        #expect(outcome.exitCode == 128 + SIGKILL)
        #expect(!outcome.timedOut)
        #expect(!outcome.succeeded)
    }

    /// The child starts in the working directory asked for; a missing one is a launch error naming it.
    @Test func workingDirectory() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("runner-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var command = ProcessRunner.Command("pwd")
        command.workingDirectory = directory.path
        let outcome = try await runner.run(command)
        #expect(outcome.standardOutputText == directory.resolvingSymlinksInPath().path + "\n")

        command.workingDirectory = directory.appendingPathComponent("missing").path
        do {
            _ = try await runner.run(command)
            Issue.record("a missing working directory must be a launch error")
        } catch let error as ProcessRunner.LaunchError {
            #expect(error.executable == "pwd")
            #expect(error.reason.contains(directory.appendingPathComponent("missing").path))
        }
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

    /// A file that is executable but not a program (no `#!`) is a launch error, not a crash.
    @Test func nonProgramIsALaunchError() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-program-\(UUID().uuidString)")
        try Data("echo hi\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file.path)
        do {
            let outcome = try await runner.run(.init(file.path))
            Issue.record("expected a launch error, got exit \(outcome.exitCode)")
        } catch let error as ProcessRunner.LaunchError {
            #expect(error.description.contains(file.path))
            #expect(error.reason.contains("#!"))
        }
    }

    /// Output forwarded to our stderr or passed through is not captured.
    @Test func forwardedOutputIsNotCaptured() async throws {
        let command = ProcessRunner.Command(
            "/bin/sh", arguments: ["-c", "echo forwarded-by-process-runner-test; echo passed-through-by-process-runner-test >&2; exit 4"],
            passThroughStandardError: true, forwardStandardOutputToStandardError: true)
        let outcome = try await runner.run(command)
        #expect(outcome.exitCode == 4)
        #expect(outcome.standardOutput.isEmpty)
        #expect(outcome.standardError.isEmpty)
    }
}
