import Foundation
import SDKCore
import Testing

@testable import BlueGreen

/// The image builder is started by exec, not through a shell: its arguments arrive one for one
/// (shell syntax in them stays literal text), and its parent is this process, not `/bin/sh`.
struct BuilderLaunchTests {
    /// Shell syntax in a Dockerfile path and a build context reaches the builder as literal
    /// arguments, nothing is expanded or executed, and the builder's parent is not a shell.
    @Test func builderIsExecutedWithoutAShell() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("builder-exec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = directory.appendingPathComponent("argv.log")
        let marker = directory.appendingPathComponent("pwned")
        let script = directory.appendingPathComponent("builder")
        // One argument per line, then the name of the parent process.
        try """
            #!/bin/sh
            for argument in "$@"; do printf 'arg:%s\\n' "$argument" >> '\(log.path)'; done
            printf 'parent:%s\\n' "$(cat /proc/$PPID/comm)" >> '\(log.path)'
            """.write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)

        let dockerfile = "Docker file; touch \(marker.path)"
        let context = "$(touch \(marker.path)) `touch \(marker.path)` ctx"
        let builder = ImageBuilder(tool: .custom(path: script.path))
        let image = try ImageReference(parsing: "127.0.0.1:5000/web:42")
        try await builder.build(image, options: .init(dockerfile: dockerfile, context: context, buildArguments: ["APP_VERSION": "42 && touch \(marker.path)"]))

        let lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n").map(String.init)
        let arguments = lines.filter { $0.hasPrefix("arg:") }.map { String($0.dropFirst(4)) }
        #expect(arguments == ["build", "--tag", "127.0.0.1:5000/web:42", "--file", dockerfile, "--build-arg", "APP_VERSION=42 && touch \(marker.path)", context])
        let parent = lines.first { $0.hasPrefix("parent:") }.map { String($0.dropFirst(7)) }
        #expect(parent != nil)
        #expect(!["sh", "bash", "dash", "zsh", "busybox"].contains(parent ?? "sh"), "the builder was started by \(parent ?? "?")")
        #expect(!FileManager.default.fileExists(atPath: marker.path), "shell syntax in an argument was executed")
    }
}
