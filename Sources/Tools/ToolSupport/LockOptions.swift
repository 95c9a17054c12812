import ArgumentParser

/// How long to wait for another pipeline's lock, and how long a claim lasts.
public struct LockOptions: ParsableArguments, Sendable {
    @Option(help: ArgumentHelp("Wait this long for another pipeline to release the app's lock (default: do not wait; exit 5).", valueName: "duration"))
    public var lockWait: DurationArgument = DurationArgument(.zero)

    @Option(help: ArgumentHelp("How long the lock outlives a pipeline that died without releasing it (renewed while running).", valueName: "duration"))
    public var lockTTL: DurationArgument = DurationArgument(.seconds(30))

    @Option(help: ArgumentHelp("Who is recorded in the Service's switch history. Default: the CI job (BUILD_TAG, GITHUB_RUN_ID), else $USER.", valueName: "name"))
    public var actor: String?

    public init() {}

    public func validate() throws {
        guard lockTTL.duration >= .seconds(5) else { throw ValidationError("--lock-ttl must be at least 5s") }
    }
}
