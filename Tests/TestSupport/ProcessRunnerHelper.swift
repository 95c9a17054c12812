import Foundation
import SDKCore
import Synchronization

/// Small helpers for driving other programs from tests.
public enum ProcessRunnerHelper {
    /// Runs `executable` to completion.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:], stdin: String? = nil) async throws -> BuiltTool.Run {
        let outcome = try await ProcessRunner().run(
            .init(executable, arguments: arguments, environment: environment, standardInput: stdin.map { Array($0.utf8) }), timeout: .seconds(60))
        return BuiltTool.Run(exitCode: outcome.exitCode, stdout: outcome.standardOutputText, stderr: outcome.standardErrorText)
    }

    /// Starts `executable` and kills it with SIGKILL (no chance to clean up, like a lost CI
    /// agent) as soon as its stderr contains `marker`. Fails if it ends before that.
    public static func killWhenStderrContains(_ executable: String, _ arguments: [String], environment: [String: String], marker: String, timeout: Duration = .seconds(60)) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": FileManager.default.temporaryDirectory.path]
        env.merge(environment) { _, new in new }
        process.environment = env
        let stderr = Pipe()
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        let seen = Mutex("")
        let found = AsyncStream<Void>.makeStream()
        stderr.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty {
                handle.readabilityHandler = nil
                found.continuation.finish()
                return
            }
            let text = seen.withLock { $0 += String(decoding: data, as: UTF8.self); return $0 }
            if text.contains(marker) { found.continuation.yield() }
        }
        try process.run()
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        let killed = await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                for await _ in found.stream {
                    kill(process.processIdentifier, SIGKILL)
                    return true
                }
                return false
            }
            group.addTask {
                try? await Task.sleep(until: deadline, clock: clock)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            found.continuation.finish()
            return first
        }
        process.waitUntilExit()
        stderr.fileHandleForReading.readabilityHandler = nil
        guard killed else {
            throw ProcessError(message: "\(executable) never printed '\(marker)' (exit \(process.terminationStatus)):\n\(seen.withLock { $0 })")
        }
    }

    public struct ProcessError: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }
}
