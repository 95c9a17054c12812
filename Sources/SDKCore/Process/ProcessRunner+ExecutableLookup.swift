import Foundation

extension ProcessRunner {
    /// Finds a program on `PATH` (the child's, when it sets one) the way a shell would, and
    /// returns an absolute path, so that a relative name means the same in the child (which
    /// may start in another working directory) as it did here.
    static func resolve(_ executable: String, environment: [String: String]) throws -> String {
        if executable.contains("/") {
            guard FileManager.default.isExecutableFile(atPath: executable) else {
                throw LaunchError(executable: executable, reason: "no executable file at that path")
            }
            return absolute(executable)
        }
        let path = environment["PATH"] ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(executable)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return absolute(candidate) }
        }
        throw LaunchError(executable: executable, reason: "not found on PATH")
    }

    private static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }
}
