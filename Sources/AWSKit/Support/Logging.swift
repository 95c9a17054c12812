import Logging

extension Logger {
    /// A logger that drops everything: the default of every `logger:` parameter in AWSKit.
    public static let awsKitNoop = Logger(label: "AWSKit", factory: { _ in SwiftLogNoOpLogHandler() })
}
