import ArgumentParser
import Foundation

/// Runs a pipeline tool's command with the exit codes of the CLI contract: 0 for help, 2 for any
/// usage error (swift-argument-parser's own default is 64), the command's own codes otherwise.
public enum ToolMain {
    /// Parses the process's arguments and runs the command; never returns.
    public static func run<Command: AsyncParsableCommand>(_ type: Command.Type) async -> Never {
        let command: Command
        do {
            var parsed = try Command.parseAsRoot()
            guard let ours = parsed as? Command else {
                // A built-in command such as `help`: it prints and is done.
                try parsed.run()
                exit(ExitStatus.success)
            }
            command = ours
        } catch {
            exit(report(error, for: type))
        }
        do {
            var command = command
            try await command.run()
            exit(ExitStatus.success)
        } catch let error as ToolExit {
            exit(error.code)
        } catch {
            exit(report(error, for: type))
        }
    }

    /// Prints help or a usage error as swift-argument-parser would, returning the contract's code.
    private static func report<Command: ParsableCommand>(_ error: any Error, for type: Command.Type) -> Int32 {
        let code = Command.exitCode(for: error)
        let message = Command.fullMessage(for: error)
        if code == .success {
            if !message.isEmpty { print(message) }
            return ExitStatus.success
        }
        if !message.isEmpty { FileHandle.standardError.write(Data((message.hasSuffix("\n") ? message : message + "\n").utf8)) }
        return code == .validationFailure ? ExitStatus.usage : code.rawValue
    }
}

/// Thrown by a command after it has reported its outcome, to leave with this code.
public struct ToolExit: Error, Sendable {
    public var code: Int32
    public init(_ code: Int32) { self.code = code }
}
