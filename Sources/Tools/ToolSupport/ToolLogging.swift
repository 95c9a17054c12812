import Logging

/// The tools' logger: warnings and errors on stderr, debug detail with --verbose. Libraries never
/// log secrets, so this is safe at any level.
public enum ToolLogging {
    public static func logger(label: String, verbose: Bool) -> Logger {
        var logger = Logger(label: label) { label in StreamLogHandler.standardError(label: label) }
        logger.logLevel = verbose ? .debug : .warning
        return logger
    }
}
