extension ProcessRunner {
    /// How a finished child ended, and what it printed.
    public struct Outcome: Sendable {
        /// The exit status; `128 + n` when the child was killed by signal `n`, as a shell reports it.
        public var exitCode: Int32
        /// Set when the child was killed by a signal (or by the timeout).
        public var signal: Int32?
        /// Empty when stdout was forwarded.
        public var standardOutput: [UInt8]
        /// Empty when stderr was passed through.
        public var standardError: [UInt8]
        /// Whether the child was stopped because it outlived the timeout.
        public var timedOut: Bool

        /// Exited on its own with status 0.
        public var succeeded: Bool { exitCode == 0 && signal == nil && !timedOut }
        /// ``standardOutput`` decoded as UTF-8 (invalid sequences replaced).
        public var standardOutputText: String { String(decoding: standardOutput, as: UTF8.self) }
        /// ``standardError`` decoded as UTF-8 (invalid sequences replaced).
        public var standardErrorText: String { String(decoding: standardError, as: UTF8.self) }
    }
}
