import Foundation

/// Finds what a test needs outside the Swift toolchain (moto_server, kubectl, python3 …).
///
/// A missing prerequisite is a test failure with a message that says how to get it, never a
/// silent skip: `scripts/test` installs everything, so on CI nothing should be missing.
public enum Prerequisites {
    public struct Missing: Error, CustomStringConvertible {
        public var what: String
        public var fix: String
        public var description: String { "missing test prerequisite: \(what). \(fix)" }
    }

    /// Whether the run is on CI (`CI=true`).
    public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// The path of a program on `PATH`, or an error naming how to install it.
    public static func executable(_ name: String, install fix: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw Missing(what: "'\(name)' is not on PATH", fix: fix)
    }

    /// The value of an environment variable that `scripts/test` sets, or an error.
    public static func environment(_ name: String, setBy fix: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
            throw Missing(what: "\(name) is not set", fix: fix)
        }
        return value
    }

    /// The repository's root folder (found from this file's location).
    public static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
}
