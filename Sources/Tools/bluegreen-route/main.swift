import ArgumentParser
import BlueGreen
import Foundation
import Logging
import ToolSupport

/// The routing pipeline: list the versions alive on the cluster and switch the Service to one.
struct BluegreenRoute: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bluegreen-route",
        abstract: "List an app's versions and switch its Service to one of them, or roll back.",
        discussion: """
            Without --to or --rollback, on a terminal it shows the versions and asks which one should serve; without a \
            terminal (CI) it lists them and exits 2. A switch takes the app's lock, refuses a version that is not ready, \
            patches the Service's selector guarded by its resourceVersion, and records the switch in the Service's \
            annotations, which is where --rollback finds the previous version.

            Examples:
              bluegreen-route --app web                  list; on a terminal, ask
              bluegreen-route --app web --to 41          switch to version 41
              bluegreen-route --app web --rollback       back to the previous version
              bluegreen-route --app web --list -o json   the versions, for a pipeline

            \(ExitStatus.helpText)
            """)

    @OptionGroup(title: "Cluster") var connection: ConnectionOptions
    @OptionGroup(title: "Output") var output: OutputOptions
    @OptionGroup(title: "Lock") var lock: LockOptions

    @Option(help: ArgumentHelp("The application.", valueName: "name"))
    var app: String

    @Option(help: ArgumentHelp("Switch the Service to this version (it must be ready).", valueName: "version"))
    var to: String?

    @Flag(help: "Switch back to the version that was active before the current one.")
    var rollback = false

    @Flag(help: "Only list the versions.")
    var list = false

    @Flag(help: "Say what would change; change nothing.")
    var dryRun = false

    @Option(help: ArgumentHelp("Time limit.", valueName: "duration"))
    var timeout = DurationArgument(.seconds(120))

    func validate() throws {
        if to != nil && rollback { throw ValidationError("use either --to VERSION or --rollback, not both") }
        if list && (to != nil || rollback) { throw ValidationError("--list only lists; do not combine it with --to or --rollback") }
    }

    func run() async throws {
        let reporter = Reporter(format: output.format, verbose: output.verbose)
        let logger = ToolLogging.logger(label: "bluegreen-route", verbose: output.verbose)
        let outcome = await SignalHandling.result { try await self.route(reporter: reporter, logger: logger) }
        switch outcome {
        case .success(.done):
            return
        case .success(.listedWithoutTarget):
            reporter.warning("no --to or --rollback given and no terminal to ask on; nothing changed (pass --to VERSION, --rollback or --list)")
            throw ToolExit(ExitStatus.usage)
        case .failure(let failure):
            reporter.failure(failure.message, kind: failure.kind.name, exitCode: failure.exitCode, details: failure.details)
            throw ToolExit(failure.exitCode)
        }
    }

    /// How a run ended when nothing failed.
    enum Ending: Sendable {
        case done
        /// Listed the versions because there was neither a target nor a terminal to ask on.
        case listedWithoutTarget
    }

    private func route(reporter: Reporter, logger: Logger) async throws -> Ending {
        try Names.validateApp(app)
        if let to { try Names.validateVersion(to, app: app) }
        let pipeline = try await connection.connect(lock, logger: logger)
        let result = await Result(catching: { try await withTimeout(timeout.duration) { try await route(with: pipeline, reporter: reporter) } })
        await pipeline.shutdown()
        return try result.get()
    }

    private func route(with pipeline: BlueGreenPipeline, reporter: Reporter) async throws -> Ending {
        var target: RouteEngine.Target? = rollback ? .rollback : to.map(RouteEngine.Target.version)
        if target == nil {
            let listing = try await pipeline.versions(app: app).get()
            let interactive = !list && isatty(STDIN_FILENO) == 1 && isatty(STDERR_FILENO) == 1 && output.format == .text
            guard interactive else {
                reporter.result(text: VersionTable.render(listing), json: listing)
                return list ? .done : .listedWithoutTarget
            }
            guard let choice = ask(listing) else {
                reporter.step("nothing changed")
                return .done
            }
            target = .version(choice)
        }
        guard let target else { return .done }
        let outcome = try await pipeline.route(app: app, to: target, dryRun: dryRun).get()
        let text: String
        if outcome.dryRun {
            text = outcome.from == outcome.to ? "\(app): \(outcome.to) is already active (dry run)" : "\(app): would switch from \(outcome.from ?? "none") to \(outcome.to) (dry run, nothing changed)"
        } else if outcome.changed {
            text = "\(app): switched from \(outcome.from ?? "none") to \(outcome.to)"
        } else {
            text = "\(app): \(outcome.to) is already active; nothing changed"
        }
        reporter.result(text: text, json: RouteDocument(outcome))
        return .done
    }

    /// Shows the table on stderr and reads a version from the terminal; `nil` for no change.
    private func ask(_ listing: VersionListing) -> String? {
        let routable = listing.versions.filter { $0.routable && !$0.active }.map(\.version)
        FileHandle.standardError.write(Data((VersionTable.render(listing) + "\n\n").utf8))
        guard !routable.isEmpty else {
            FileHandle.standardError.write(Data("no other version is ready to take traffic\n".utf8))
            return nil
        }
        while true {
            FileHandle.standardError.write(Data("Route \(app) to which version? [\(routable.joined(separator: ", ")); empty to cancel] ".utf8))
            guard let line = readLine()?.trimmingCharacters(in: .whitespaces), !line.isEmpty else { return nil }
            if routable.contains(line) { return line }
            FileHandle.standardError.write(Data("'\(line)' is not one of the ready versions\n".utf8))
        }
    }
}

/// The JSON result of a switch.
struct RouteDocument: Encodable {
    var app: String
    var from: String?
    var to: String
    var changed: Bool
    var dryRun: Bool

    init(_ outcome: RouteEngine.Outcome) {
        app = outcome.app
        from = outcome.from
        to = outcome.to
        changed = outcome.changed
        dryRun = outcome.dryRun
    }
}

await ToolMain.run(BluegreenRoute.self)
