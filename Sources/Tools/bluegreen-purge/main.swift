import ArgumentParser
import BlueGreen
import Foundation
import Logging
import ToolSupport

/// The purge pipeline: delete the versions the Service does not select.
struct BluegreenPurge: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bluegreen-purge",
        abstract: "Delete an app's idle versions (every Deployment the Service does not select), optionally keeping the newest N.",
        discussion: """
            The decision is taken under the app's lock, so a switch happening at the same time cannot make the active \
            version look idle, and each Deployment is deleted only if it is still the one that was inspected (uid and \
            resourceVersion preconditions). Without a Service selecting a version, nothing is deleted.

            Examples:
              bluegreen-purge --app web --keep 1 --dry-run
              bluegreen-purge --app web --keep 1

            \(ExitStatus.helpText)
            """)

    @OptionGroup(title: "Cluster") var connection: ConnectionOptions
    @OptionGroup(title: "Output") var output: OutputOptions
    @OptionGroup(title: "Lock") var lock: LockOptions

    @Option(help: ArgumentHelp("The application.", valueName: "name"))
    var app: String

    @Option(help: ArgumentHelp("Keep the newest N idle versions for rollback.", valueName: "n"))
    var keep = 0

    @Flag(help: "List what would be deleted; delete nothing.")
    var dryRun = false

    @Option(help: ArgumentHelp("Time limit.", valueName: "duration"))
    var timeout = DurationArgument(.seconds(120))

    func validate() throws {
        guard keep >= 0 else { throw ValidationError("--keep must be 0 or more") }
    }

    func run() async throws {
        let reporter = Reporter(format: output.format, verbose: output.verbose)
        let logger = ToolLogging.logger(label: "bluegreen-purge", verbose: output.verbose)
        let outcome = await SignalHandling.result { try await self.purge(reporter: reporter, logger: logger) }
        switch outcome {
        case .success(let result):
            reporter.result(text: Self.text(result), json: result)
        case .failure(let failure):
            reporter.failure(failure.message, kind: failure.kind.name, exitCode: failure.exitCode, details: failure.details)
            throw ToolExit(failure.exitCode)
        }
    }

    private func purge(reporter: Reporter, logger: Logger) async throws -> PurgeEngine.Outcome {
        try Names.validateApp(app)
        let pipeline = try await connection.connect(lock, logger: logger)
        let result = await Result(catching: { try await withTimeout(timeout.duration) { try await pipeline.purge(app: app, keep: keep, dryRun: dryRun) { reporter.step($0) }.get() } })
        await pipeline.shutdown()
        return try result.get()
    }

    static func text(_ outcome: PurgeEngine.Outcome) -> String {
        var lines: [String] = []
        let verb = outcome.dryRun ? "would delete" : "deleted"
        lines.append(outcome.deleted.isEmpty ? "\(outcome.app): nothing to delete" : "\(outcome.app): \(verb) \(outcome.deleted.joined(separator: ", "))")
        lines.append("  active: \(outcome.active)")
        if !outcome.kept.isEmpty { lines.append("  kept for rollback: \(outcome.kept.joined(separator: ", "))") }
        if !outcome.skipped.isEmpty { lines.append("  left alone (changed while purging): \(outcome.skipped.joined(separator: ", "))") }
        if outcome.dryRun { lines.append("  (dry run: nothing was deleted)") }
        return lines.joined(separator: "\n")
    }
}

await ToolMain.run(BluegreenPurge.self)
