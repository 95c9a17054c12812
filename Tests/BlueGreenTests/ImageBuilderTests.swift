import Foundation
import SDKCore
import Testing

@testable import BlueGreen

struct ImageBuilderTests {
    /// A stand-in builder: records each call's arguments and standard input; refuses to push
    /// an image whose name contains "denied".
    static func standIn() throws -> (path: String, log: URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("builder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let log = directory.appendingPathComponent("calls.log")
        let script = directory.appendingPathComponent("fake-builder")
        try """
            #!/bin/sh
            printf 'args:%s\\n' "$*" >> '\(log.path)'
            if [ "$1" = login ]; then printf 'stdin:%s\\n' "$(cat)" >> '\(log.path)'; fi
            echo "progress for $1"
            if [ "$1" = push ] && [ "${2#*denied}" != "$2" ]; then echo 'denied: requested access to the resource is denied' >&2; exit 1; fi
            exit 0
            """.write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        return (script.path, log)
    }

    /// build, login and push call the builder with docker's command line; the password goes on
    /// standard input only.
    @Test func drivesACustomBuilder() async throws {
        let (path, log) = try Self.standIn()
        let builder = ImageBuilder(tool: ImageBuilder.Tool(parsing: path))
        let image = try ImageReference(parsing: "127.0.0.1:5000/web:42")
        let options = ImageBuilder.Options(dockerfile: "Dockerfile", context: "app", buildArguments: ["APP_VERSION": "42"])
        try await builder.build(image, options: options)
        try await builder.login(registry: "127.0.0.1:5000", credentials: .init(username: "AWS", password: Secret("pa55")), options: options)
        try await builder.push(image, options: options)
        let calls = try String(contentsOf: log, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(calls == [
            "args:build --tag 127.0.0.1:5000/web:42 --file Dockerfile --build-arg APP_VERSION=42 app",
            "args:login --username AWS --password-stdin 127.0.0.1:5000",
            "stdin:pa55",
            "args:push 127.0.0.1:5000/web:42",
        ])
    }

    /// podman and buildah get --tls-verify=false for an insecure registry; docker does not.
    @Test func insecureRegistryFlags() throws {
        let image = try ImageReference(parsing: "127.0.0.1:5000/web:42")
        let options = ImageBuilder.Options(insecureRegistry: true)
        #expect(ImageBuilder(tool: .buildah).pushCommand(image, options: options).arguments == ["push", "--tls-verify=false", "127.0.0.1:5000/web:42"])
        #expect(ImageBuilder(tool: .docker).pushCommand(image, options: options).arguments == ["push", "127.0.0.1:5000/web:42"])
        let login = ImageBuilder(tool: .podman).loginCommand(registry: "r", credentials: .init(username: "u", password: Secret("p")), options: options)
        #expect(!login.arguments.contains("p"))
        #expect(login.arguments.contains("--tls-verify=false"))
    }

    /// A failing step names the step and shows the builder's last error lines.
    @Test func failureNamesTheStep() async throws {
        let (path, _) = try Self.standIn()
        do {
            try await ImageBuilder(tool: .custom(path: path)).push(try ImageReference(parsing: "r.io/denied:1"), options: .init())
            Issue.record("expected a failure")
        } catch let error as BuildError {
            #expect(error.message.contains("failed to push r.io/denied:1 (exit code 1)"))
            #expect(error.message.contains("requested access to the resource is denied"))
        }
    }

    /// A builder that is not installed is a clear error with the fix.
    @Test func missingBuilder() async throws {
        do {
            try await ImageBuilder(tool: .custom(path: "/nonexistent/builder")).build(try ImageReference(parsing: "web:1"), options: .init())
            Issue.record("expected a failure")
        } catch let error as BuildError {
            #expect(error.message.contains("--builder"))
        }
    }
}
