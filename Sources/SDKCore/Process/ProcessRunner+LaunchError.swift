extension ProcessRunner {
    /// The child could not be started: the program is missing or not executable, the working
    /// directory is unusable, or the system refused to create the process.
    public struct LaunchError: Error, Sendable, CustomStringConvertible {
        /// The program as the command named it.
        public var executable: String
        /// Why it could not start, e.g. "not found on PATH".
        public var reason: String
        /// "cannot run '<executable>': <reason>".
        public var description: String { "cannot run '\(executable)': \(reason)" }
    }
}
