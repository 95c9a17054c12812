import Foundation

/// The profiles of the AWS shared config and credentials files (`~/.aws/config`,
/// `~/.aws/credentials`), merged as the AWS CLI merges them: a profile's settings from the
/// credentials file win over the same settings in the config file.
public struct SharedConfig: Sendable, Hashable {
    /// Settings by profile name; keys are lower-cased (`role_arn`, `region` …).
    public var profiles: [String: [String: String]]

    /// Creates a configuration from parsed profiles.
    public init(profiles: [String: [String: String]] = [:]) {
        self.profiles = profiles
    }

    /// The settings of one profile, or `nil` when neither file has it.
    public func profile(_ name: String) -> [String: String]? { profiles[name] }

    /// Reads both files of `environment` (a missing file is an empty one).
    /// - Throws: ``CredentialError`` with code `.invalidConfiguration` for a line that is not
    ///   `key = value`, a `[section]` or a comment. The message names the file and the line number,
    ///   never the line (it may hold a key).
    public static func load(environment: AWSEnvironment) throws -> SharedConfig {
        var config = SharedConfig()
        if let path = environment.configFilePath, let text = try read(path) {
            for (section, settings) in try parse(text, file: path) {
                let name: String
                if section == "default" {
                    name = "default"
                } else if section.hasPrefix("profile ") || section.hasPrefix("profile\t") {
                    name = section.dropFirst("profile".count).trimmingCharacters(in: .whitespaces)
                } else {
                    continue  // sso-session, services … sections are not profiles
                }
                config.profiles[name, default: [:]].merge(settings) { _, new in new }
            }
        }
        if let path = environment.credentialsFilePath, let text = try read(path) {
            for (section, settings) in try parse(text, file: path) {
                config.profiles[section, default: [:]].merge(settings) { _, new in new }
            }
        }
        return config
    }

    private static func read(_ path: String) throws -> String? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw CredentialError(.invalidConfiguration, "cannot read \(path): check that the file is readable UTF-8 text")
        }
    }

    /// Parses INI text into (section, settings) pairs in file order. Indented lines under a key
    /// (nested settings such as `s3 =` blocks) are skipped.
    static func parse(_ text: String, file: String) throws -> [(String, [String: String])] {
        var sections: [(String, [String: String])] = []
        var inNestedBlock = false
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else {
                    throw CredentialError(.invalidConfiguration, "\(file) line \(index + 1): a section header must look like [profile name]; fix the brackets")
                }
                let name = line.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
                sections.append((name, [:]))
                inNestedBlock = false
                continue
            }
            let isIndented = rawLine.first == " " || rawLine.first == "\t"
            if isIndented && inNestedBlock { continue }
            guard let equals = line.firstIndex(of: "=") else {
                throw CredentialError(.invalidConfiguration, "\(file) line \(index + 1): expected 'key = value'; fix or remove that line")
            }
            guard !sections.isEmpty else {
                throw CredentialError(.invalidConfiguration, "\(file) line \(index + 1): a setting before any [section]; put it under [default] or [profile name]")
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.isEmpty && !isIndented {
                inNestedBlock = true  // `s3 =` followed by indented settings
                continue
            }
            inNestedBlock = false
            sections[sections.count - 1].1[key] = value
        }
        return sections
    }
}
