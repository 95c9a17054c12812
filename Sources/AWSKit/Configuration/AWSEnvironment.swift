import Foundation

/// The environment variables and home folder that AWSKit reads its settings from.
///
/// Every resolver (region, endpoints, credential providers, shared config files) takes one, so
/// that tests and embedding programs can supply their own instead of the process's; ``process``
/// is the real one.
public struct AWSEnvironment: Sendable, Hashable {
    /// The variables, such as `AWS_REGION` or `AWS_PROFILE`.
    public var variables: [String: String]
    /// The home folder that `~/.aws/config` and `~/.aws/credentials` are found in.
    public var homeDirectory: String?

    /// Creates an environment from explicit variables; the home folder defaults to `HOME`.
    public init(_ variables: [String: String], homeDirectory: String? = nil) {
        self.variables = variables
        self.homeDirectory = homeDirectory ?? variables["HOME"]
    }

    /// The process's environment and home folder.
    public static var process: AWSEnvironment {
        let variables = ProcessInfo.processInfo.environment
        return AWSEnvironment(variables, homeDirectory: variables["HOME"] ?? NSHomeDirectory())
    }

    /// A variable's value; an empty value counts as unset, as in the AWS CLI.
    public subscript(name: String) -> String? {
        guard let value = variables[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    /// Whether a variable is set to `true` (any case).
    func isTrue(_ name: String) -> Bool { self[name]?.lowercased() == "true" }

    /// `AWS_CONFIG_FILE`, else `~/.aws/config`.
    public var configFilePath: String? { expand(self["AWS_CONFIG_FILE"]) ?? homeDirectory.map { "\($0)/.aws/config" } }

    /// `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`.
    public var credentialsFilePath: String? {
        expand(self["AWS_SHARED_CREDENTIALS_FILE"]) ?? homeDirectory.map { "\($0)/.aws/credentials" }
    }

    /// The profile the environment selects (`AWS_PROFILE`, then `AWS_DEFAULT_PROFILE`), or `nil`
    /// for the default one.
    public var selectedProfile: String? { self["AWS_PROFILE"] ?? self["AWS_DEFAULT_PROFILE"] }

    /// Expands a leading `~/`.
    func expand(_ path: String?) -> String? {
        guard let path else { return nil }
        if path == "~" { return homeDirectory ?? path }
        if path.hasPrefix("~/"), let home = homeDirectory { return home + path.dropFirst(1) }
        return path
    }
}
