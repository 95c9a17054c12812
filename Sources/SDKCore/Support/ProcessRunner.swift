import Foundation

/// Runs a child process to completion without blocking the concurrency pool: credential
/// processes, exec credential plugins, image builders, verification commands.
public struct ProcessRunner: Sendable {
    /// What to run.
    public struct Command: Sendable {
        /// A program name (looked up on `PATH`) or a path.
        public var executable: String
        public var arguments: [String]
        /// Variables added to (and overriding) the inherited environment.
        public var environment: [String: String]
        /// Whether the child inherits this process's environment before `environment` applies.
        public var inheritEnvironment: Bool
        /// Bytes written to the child's standard input, which is then closed.
        public var standardInput: [UInt8]?
        /// Passes the child's stderr through to ours (so a user sees an interactive prompt
        /// or a builder's progress) instead of capturing it.
        public var passThroughStandardError: Bool
        /// Sends the child's stdout to our stderr instead of capturing it, for chatty tools
        /// (image builders) whose output is progress, while our stdout carries only results.
        public var forwardStandardOutputToStandardError: Bool
        public var workingDirectory: String?
        /// Connects the child's standard input to ours (so that it can prompt on a terminal, as an
        /// interactive kubectl exec credential plugin does). Ignored when `standardInput` is set.
        public var inheritStandardInput: Bool = false

        public init(
            _ executable: String,
            arguments: [String] = [],
            environment: [String: String] = [:],
            inheritEnvironment: Bool = true,
            standardInput: [UInt8]? = nil,
            passThroughStandardError: Bool = false,
            forwardStandardOutputToStandardError: Bool = false,
            workingDirectory: String? = nil
        ) {
            self.executable = executable
            self.arguments = arguments
            self.environment = environment
            self.inheritEnvironment = inheritEnvironment
            self.standardInput = standardInput
            self.passThroughStandardError = passThroughStandardError
            self.forwardStandardOutputToStandardError = forwardStandardOutputToStandardError
            self.workingDirectory = workingDirectory
        }

        /// A command line interpreted by `/bin/sh -c`.
        public static func shell(_ commandLine: String, environment: [String: String] = [:]) -> Command {
            Command("/bin/sh", arguments: ["-c", commandLine], environment: environment)
        }
    }

    /// How a finished child ended.
    public struct Outcome: Sendable {
        public var exitCode: Int32
        /// Set when the child was killed by a signal (or by the timeout).
        public var signal: Int32?
        /// Empty when stdout was forwarded.
        public var standardOutput: [UInt8]
        /// Empty when stderr was passed through.
        public var standardError: [UInt8]
        public var timedOut: Bool

        public var succeeded: Bool { exitCode == 0 && signal == nil && !timedOut }
        public var standardOutputText: String { String(decoding: standardOutput, as: UTF8.self) }
        public var standardErrorText: String { String(decoding: standardError, as: UTF8.self) }
    }

    public struct LaunchError: Error, Sendable, CustomStringConvertible {
        public var executable: String
        public var reason: String
        public var description: String { "cannot run '\(executable)': \(reason)" }
    }

    public init() {}

    /// Runs `command` and waits for it, killing it (SIGTERM, then SIGKILL) when `timeout` passes
    /// or the calling task is cancelled.
    public func run(_ command: Command, timeout: Duration? = nil) async throws -> Outcome {
        let process = Process()
        let resolved = try Self.resolve(command.executable, environment: command.environment)
        process.executableURL = URL(fileURLWithPath: resolved)
        process.arguments = command.arguments
        var environment = command.inheritEnvironment ? ProcessInfo.processInfo.environment : [:]
        environment.merge(command.environment) { _, new in new }
        process.environment = environment
        if let directory = command.workingDirectory {
            process.currentDirectoryURL = URL(fileURLWithPath: directory)
        }

        let stdout = Pipe()
        let stderr = Pipe()
        let stdin = Pipe()
        process.standardOutput = command.forwardStandardOutputToStandardError ? FileHandle.standardError : stdout
        process.standardError = command.passThroughStandardError ? FileHandle.standardError : stderr
        if command.standardInput != nil {
            process.standardInput = stdin
        } else {
            process.standardInput = command.inheritStandardInput ? FileHandle.standardInput : FileHandle.nullDevice
        }

        let exited = AsyncStream<Void>.makeStream()
        process.terminationHandler = { _ in
            exited.continuation.yield()
            exited.continuation.finish()
        }
        do {
            try process.run()
        } catch {
            throw LaunchError(executable: command.executable, reason: "\(error.localizedDescription)")
        }

        if let input = command.standardInput {
            let handle = stdin.fileHandleForWriting
            DispatchQueue.global().async {
                try? handle.write(contentsOf: input)
                try? handle.close()
            }
        }
        async let out = command.forwardStandardOutputToStandardError ? [] : Self.readAll(stdout.fileHandleForReading)
        async let err = command.passThroughStandardError ? [] : Self.readAll(stderr.fileHandleForReading)

        let timedOut = await withTaskCancellationHandler {
            await withTaskGroup(of: Bool.self) { group in
                group.addTask {
                    for await _ in exited.stream {}
                    return false
                }
                if let timeout {
                    group.addTask {
                        do { try await Task.sleep(for: timeout) } catch { return false }
                        return true
                    }
                }
                let first = await group.next() ?? false
                if first { Self.terminate(process) }
                group.cancelAll()
                return first
            }
        } onCancel: {
            Self.terminate(process)
        }
        process.waitUntilExit()
        let (output, errors) = await (out, err)
        let signalled = process.terminationReason == .uncaughtSignal
        return Outcome(
            exitCode: signalled ? 128 + process.terminationStatus : process.terminationStatus,
            signal: signalled ? process.terminationStatus : nil,
            standardOutput: output,
            standardError: errors,
            timedOut: timedOut
        )
    }

    /// Stops the child and everything it started: Foundation makes the child a process-group
    /// leader, so the group gets SIGTERM, then SIGKILL if it is still there after 3 seconds.
    /// (Killing only the child would leave a grandchild holding the output pipes open.)
    private static func terminate(_ process: Process) {
        guard process.isRunning else { return }
        let pid = process.processIdentifier
        if kill(-pid, SIGTERM) != 0 { process.terminate() }
        DispatchQueue.global().asyncAfter(deadline: .now() + 3) {
            if kill(-pid, SIGKILL) != 0, process.isRunning { kill(pid, SIGKILL) }
        }
    }

    private static func readAll(_ handle: FileHandle) async -> [UInt8] {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let data = (try? handle.readToEnd()) ?? Data()
                continuation.resume(returning: [UInt8](data))
            }
        }
    }

    /// Finds a program on `PATH` (the child's, when it sets one) the way a shell would.
    static func resolve(_ executable: String, environment: [String: String]) throws -> String {
        if executable.contains("/") {
            guard FileManager.default.isExecutableFile(atPath: executable) else {
                throw LaunchError(executable: executable, reason: "no executable file at that path")
            }
            return executable
        }
        let path = environment["PATH"] ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(executable)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw LaunchError(executable: executable, reason: "not found on PATH")
    }
}
