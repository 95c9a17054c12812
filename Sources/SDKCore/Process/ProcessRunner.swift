import Foundation
internal import Subprocess

#if canImport(System)
internal import System
#else
internal import SystemPackage
#endif

/// Runs a child process to completion without blocking the concurrency pool: credential
/// processes, exec credential plugins, image builders, verification commands.
///
/// Children are started by swift-subprocess with `POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF`:
/// they begin with no blocked signals and every signal at its default action, whatever this
/// process blocks or ignores (libdispatch blocks the signals it watches, and a tool that handles
/// SIGTERM itself sets it to ignored). Each child leads a new process group, so that stopping it
/// reaches everything it started: SIGTERM to the group, then SIGKILL to the group after
/// ``terminationGracePeriod`` (3 seconds by default). Standard input is an in-memory file, never a
/// pipe we write to
/// (see `StandardInputFile`), so a child that ignores its input cannot hang or kill us.
public struct ProcessRunner: Sendable {
    /// How long a child being stopped (and its process group) has between SIGTERM and SIGKILL.
    public var terminationGracePeriod: Duration

    /// A runner; it holds no state but its settings, so one can be shared or made per call.
    /// - Parameter terminationGracePeriod: how long a child being stopped (timeout or
    ///   cancellation) and its process group have between SIGTERM and SIGKILL.
    public init(terminationGracePeriod: Duration = .seconds(3)) {
        self.terminationGracePeriod = terminationGracePeriod
    }

    /// Runs `command` and waits for it, stopping it (SIGTERM to its process group, SIGKILL
    /// ``terminationGracePeriod`` later) when `timeout` passes or the calling task is cancelled.
    ///
    /// Returns when the child has exited, even if a process it started still holds its output
    /// open; what was printed until then is in the outcome, whether the child finished, failed,
    /// timed out or was cancelled. A process group member that survives SIGTERM after the child
    /// itself is gone gets SIGKILL when the grace period ends, without `run` waiting for it.
    /// - Throws: ``LaunchError`` when the child cannot be started.
    public func run(_ command: Command, timeout: Duration? = nil) async throws -> Outcome {
        let executable = try Self.resolve(command.executable, environment: command.environment)
        let leadsGroup = !Self.sharesTerminal(command)
        var options = PlatformOptions()
        if leadsGroup { options.processGroupID = 0 }
        options.teardownSequence = [
            .send(signal: .terminate, toProcessGroup: leadsGroup, allowedDurationToNextStep: terminationGracePeriod)
        ]
        let configuration = Configuration(
            executable: .path(FilePath(executable)),
            arguments: Arguments(command.arguments),
            environment: .custom(Self.environment(for: command)),
            workingDirectory: command.workingDirectory.map { FilePath($0) },
            platformOptions: options
        )
        let run = Supervision(
            configuration: configuration, command: command, timeout: timeout, leadsGroup: leadsGroup, gracePeriod: terminationGracePeriod)
        let input = try Self.standardInput(for: command)
        switch (command.forwardStandardOutputToStandardError, command.passThroughStandardError) {
        case (false, false): return try await run.execute(input: input, output: .bytes(limit: .max), error: .bytes(limit: .max))
        case (true, false): return try await run.execute(input: input, output: .currentStandardError, error: .bytes(limit: .max))
        case (false, true): return try await run.execute(input: input, output: .bytes(limit: .max), error: .currentStandardError)
        case (true, true): return try await run.execute(input: input, output: .currentStandardError, error: .currentStandardError)
        }
    }

    /// An interactive child on our terminal must stay in the terminal's foreground process group
    /// (ours): a background process that reads the terminal is stopped by SIGTTIN.
    private static func sharesTerminal(_ command: Command) -> Bool {
        command.standardInput == nil && command.inheritStandardInput && isatty(STDIN_FILENO) == 1
    }

    /// Our environment (unless the command opts out) with the command's variables over it.
    private static func environment(for command: Command) -> [Environment.Key: String] {
        var merged = command.inheritEnvironment ? ProcessInfo.processInfo.environment : [:]
        merged.merge(command.environment) { _, new in new }
        var environment: [Environment.Key: String] = [:]
        for (name, value) in merged {
            if let key = Environment.Key(rawValue: name) { environment[key] = value }
        }
        return environment
    }

    /// The child's standard input: the command's bytes, our own standard input, or `/dev/null`.
    private static func standardInput(for command: Command) throws -> FileDescriptorInput {
        if let bytes = command.standardInput {
            do {
                let fd = try StandardInputFile.descriptor(holding: bytes)
                return .fileDescriptor(FileDescriptor(rawValue: fd), closeAfterSpawningProcess: true)
            } catch {
                throw LaunchError(executable: command.executable, reason: "cannot hold its standard input (\(error)); free memory or file descriptors")
            }
        }
        if command.inheritStandardInput {
            return .fileDescriptor(.standardInput, closeAfterSpawningProcess: false)
        }
        let null = open("/dev/null", O_RDONLY | O_CLOEXEC)
        guard null >= 0 else {
            throw LaunchError(executable: command.executable, reason: "cannot open /dev/null for its standard input: \(String(cString: strerror(errno)))")
        }
        return .fileDescriptor(FileDescriptor(rawValue: null), closeAfterSpawningProcess: true)
    }
}
