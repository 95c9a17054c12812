import Foundation
import SDKCore
import Subprocess
import Synchronization

#if canImport(System)
import System
#else
import SystemPackage
#endif

/// Small helpers for driving other programs from tests.
public enum ProcessRunnerHelper {
    /// Runs `executable` to completion.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:], stdin: String? = nil) async throws -> BuiltTool.Run {
        let outcome = try await ProcessRunner().run(
            .init(executable, arguments: arguments, environment: environment, standardInput: stdin.map { Array($0.utf8) }), timeout: .seconds(60))
        return BuiltTool.Run(exitCode: outcome.exitCode, stdout: outcome.standardOutputText, stderr: outcome.standardErrorText)
    }

    /// Starts `executable` and kills it with SIGKILL (no chance to clean up, like a lost CI
    /// agent) as soon as its stderr contains `marker`. Fails if it ends before that, or if
    /// `timeout` passes first (then it is killed too).
    public static func killWhenStderrContains(_ executable: String, _ arguments: [String], environment: [String: String], marker: String, timeout: Duration = .seconds(60)) async throws {
        var variables = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": FileManager.default.temporaryDirectory.path]
        variables.merge(environment) { _, new in new }
        var keyed: [Environment.Key: String] = [:]
        for (name, value) in variables {
            if let key = Environment.Key(rawValue: name) { keyed[key] = value }
        }
        let configuration = Configuration(executable: .path(FilePath(executable)), arguments: Arguments(arguments), environment: .custom(keyed))
        let seen = LockedValue<[UInt8]>([])
        let killed = try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                let result = try await Subprocess.run(configuration, input: .none, output: .discarded, error: .sequence) { execution in
                    for try await chunk in execution.standardError {
                        let text = seen.withLock { seen in
                            chunk.withUnsafeBytes { seen.append(contentsOf: $0) }
                            return String(decoding: seen, as: UTF8.self)
                        }
                        if text.contains(marker) {
                            try execution.send(signal: .kill)
                            return true
                        }
                    }
                    return false
                }
                return result.closureResult
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return false
            }
            // The first to finish decides; cancelling the other stops the child if it still runs.
            let first = try await group.next() ?? false
            group.cancelAll()
            return first
        }
        guard killed else {
            let printed = seen.withLock { String(decoding: $0, as: UTF8.self) }
            throw ProcessError(message: "\(executable) never printed '\(marker)' (within \(timeout)):\n\(printed)")
        }
    }

    /// A helper's failure, with what the program printed.
    public struct ProcessError: Error, CustomStringConvertible {
        /// What went wrong.
        public var message: String
        /// The message.
        public var description: String { message }
    }
}
