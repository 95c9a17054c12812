extension ProcessRunner {
    /// What to run: a program, its arguments and environment, and where its standard streams go.
    public struct Command: Sendable {
        /// A program name (looked up on `PATH`) or a path.
        public var executable: String
        /// The arguments after the program name.
        public var arguments: [String]
        /// Variables added to (and overriding) the inherited environment.
        public var environment: [String: String]
        /// Whether the child inherits this process's environment before `environment` applies.
        public var inheritEnvironment: Bool
        /// Bytes the child reads on its standard input, followed by end-of-file.
        public var standardInput: [UInt8]?
        /// Passes the child's stderr through to ours (so a user sees an interactive prompt
        /// or a builder's progress) instead of capturing it.
        public var passThroughStandardError: Bool
        /// Sends the child's stdout to our stderr instead of capturing it, for chatty tools
        /// (image builders) whose output is progress, while our stdout carries only results.
        public var forwardStandardOutputToStandardError: Bool
        /// The directory the child starts in; `nil` keeps ours.
        public var workingDirectory: String?
        /// Connects the child's standard input to ours (so that it can prompt on a terminal, as an
        /// interactive kubectl exec credential plugin does). Ignored when `standardInput` is set.
        ///
        /// When our standard input is a terminal, such a child stays in our process group (the
        /// terminal's foreground group), because a background process that reads the terminal is
        /// stopped by `SIGTTIN`; a timeout or cancellation then signals the child alone.
        public var inheritStandardInput: Bool = false

        /// A command for `executable` with `arguments`; the child's standard input is empty
        /// unless `standardInput` is given, and its output and errors are captured.
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
}
