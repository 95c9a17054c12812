import Foundation
import SDKCore

/// Runs the package's built executables (next to the test bundle) the way a pipeline does, and
/// captures what they print.
public struct BuiltTool: Sendable {
    public let name: String
    public let path: String

    /// The executable `name` of this build. Fails with the fix when it was not built.
    public init(_ name: String) throws {
        let directory = URL(fileURLWithPath: Bundle.main.bundlePath)
        let candidate = directory.appendingPathComponent(name).path
        guard FileManager.default.isExecutableFile(atPath: candidate) else {
            throw Prerequisites.Missing(what: "the executable \(name) is not built in \(directory.path)", fix: "run swift build --build-tests (scripts/test does)")
        }
        self.name = name
        self.path = candidate
    }

    /// What a run printed and how it ended.
    public struct Run: Sendable, CustomStringConvertible {
        public var exitCode: Int32
        public var stdout: String
        public var stderr: String
        public var description: String { "exit \(exitCode)\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)" }
    }

    /// Runs the tool with `arguments`, environment variables added to a minimal environment
    /// (PATH and HOME only, so the developer's own kubeconfig or AWS settings cannot leak in).
    public func run(_ arguments: [String], environment: [String: String] = [:], stdin: String? = nil, timeout: Duration = .seconds(120)) async throws -> Run {
        var env = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": FileManager.default.temporaryDirectory.path]
        env.merge(environment) { _, new in new }
        let command = ProcessRunner.Command(path, arguments: arguments, environment: env, inheritEnvironment: false, standardInput: stdin.map { Array($0.utf8) })
        let outcome = try await ProcessRunner().run(command, timeout: timeout)
        return Run(exitCode: outcome.exitCode, stdout: outcome.standardOutputText, stderr: outcome.standardErrorText)
    }
}
