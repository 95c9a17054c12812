import Foundation
import TestSupport
import Testing

/// The three pipeline executables as a pipeline runs them: arguments in; stdout, stderr and the
/// exit code out, against a `kube-sandbox` process.
@Suite(.timeLimit(.minutes(3)))
struct PipelineToolsTests {
    static let templates: String = {
        let source = Prerequisites.repositoryRoot.appendingPathComponent("deployment_config")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cli-templates-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for file in ["deployment.yaml", "service.yaml", "preview-service.yaml"] {
            let text = (try? String(contentsOf: source.appendingPathComponent(file), encoding: .utf8)) ?? ""
            try? text.replacingOccurrences(of: "minReadySeconds: 5", with: "minReadySeconds: 0")
                .write(to: directory.appendingPathComponent(file), atomically: true, encoding: .utf8)
        }
        return directory.path
    }()

    struct Cluster {
        let sandbox: SandboxProcess
        var env: [String: String] { ["KUBECONFIG": sandbox.kubeconfig] }

        func deploy(_ version: String, _ extra: [String] = []) async throws -> BuiltTool.Run {
            try await BuiltTool("bluegreen-deploy").run(
                ["--app", "web", "--version", version, "--image", "registry.example.com/web", "--skip-image-check", "--templates", PipelineToolsTests.templates, "--stuck-pod-grace", "2s"] + extra,
                environment: env)
        }

        func route(_ extra: [String]) async throws -> BuiltTool.Run {
            try await BuiltTool("bluegreen-route").run(["--app", "web"] + extra, environment: env)
        }

        func purge(_ extra: [String]) async throws -> BuiltTool.Run {
            try await BuiltTool("bluegreen-purge").run(["--app", "web"] + extra, environment: env)
        }

        func activeVersion() async throws -> String? {
            let listing = try await route(["--list", "-o", "json"])
            let object = try JSONSerialization.jsonObject(with: Data(listing.stdout.utf8)) as? [String: Any]
            return object?["active"] as? String
        }
    }

    static func cluster(_ arguments: [String] = ["--ready-after", "100ms", "--image-rule", "*:broken=pullFailure"]) async throws -> Cluster {
        Cluster(sandbox: try await SandboxProcess(arguments))
    }

    /// A deploy prints progress on stderr and the result on stdout; JSON output is one document.
    @Test func deployReportsOnTheRightStreams() async throws {
        let cluster = try await Self.cluster()
        let first = try await cluster.deploy("1")
        #expect(first.exitCode == 0, "\(first)")
        #expect(first.stdout.hasPrefix("web 1 is live: Service web switched from none to 1"))
        #expect(first.stderr.contains("taking the lock web-bluegreen"))
        #expect(first.stderr.contains("waiting for web-1 to become ready"))
        let second = try await cluster.deploy("2", ["-o", "json"])
        #expect(second.exitCode == 0, "\(second)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [String: Any])
        #expect(document["status"] as? String == "switched")
        #expect(document["previousVersion"] as? String == "1")
        #expect(document["image"] as? String == "registry.example.com/web:2")
        #expect(try await cluster.activeVersion() == "2")
    }

    /// Each kind of bad input exits 2 with a message naming the problem, before touching the cluster.
    @Test(arguments: [
        (["--app", "Web", "--version", "1", "--image", "r/web"], "the app name 'Web' is not valid"),
        (["--app", "web", "--version", "1.0", "--image", "r/web"], "the version '1.0' is not valid"),
        (["--app", "web", "--version", "1", "--image", "R/Web"], "invalid repository path"),
        (["--app", "web", "--version", "1"], "Missing expected argument '--image <ref>'"),
        (["--app", "web", "--version", "1", "--image", "r/web", "--replicas", "0"], "--replicas must be between 1 and 1000"),
        (["--app", "web", "--version", "1", "--image", "r/web", "--timeout", "soon"], "--timeout"),
        (["--app", "web", "--version", "1", "--image", "r/web", "--set", "lower=1"], "not a placeholder name"),
        (["--app", "web", "--version", "1", "--image", "r/web", "--capacity-policy", "some"], "--capacity-policy"),
        (["--app", "web", "--version", "1", "--image", "r/web", "--templates", "/nonexistent"], "/nonexistent/deployment.yaml is missing"),
        (["--app", "web", "--version", "1", "--image", "r/web", "--skip-image-check", "--pin-digest"], "cannot be combined"),
        (["--app", "web", "--version", "1", "--image", "r/web", "--kubeconfig", "/nonexistent/kubeconfig"], "/nonexistent/kubeconfig"),
    ])
    func badInputExitsTwo(arguments: [String], message: String) async throws {
        let run = try await BuiltTool("bluegreen-deploy").run(["--templates", Self.templates] + arguments)
        #expect(run.exitCode == 2, "\(run)")
        #expect(run.stderr.contains(message), "\(run)")
        #expect(run.stdout.isEmpty)
    }

    /// -o json failures still write exactly one JSON document, with the error's kind and exit code.
    @Test func jsonFailureDocument() async throws {
        let run = try await BuiltTool("bluegreen-deploy").run(
            ["--app", "web", "--version", "1", "--image", "r/web", "--templates", "/nonexistent", "-o", "json"])
        #expect(run.exitCode == 2)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let error = try #require(document["error"] as? [String: Any])
        #expect(error["kind"] as? String == "invalid-input")
        #expect(error["exitCode"] as? Int == 2)
    }

    /// An unpullable image: exit 4, the pods' reason on stderr, traffic untouched.
    @Test func unpullableImageExitsFour() async throws {
        let cluster = try await Self.cluster()
        _ = try await cluster.deploy("1")
        let run = try await cluster.deploy("2", ["--image", "registry.example.com/web:broken"])
        #expect(run.exitCode == 4, "\(run)")
        #expect(run.stderr.contains("traffic was not switched"))
        #expect(run.stderr.contains("ImagePull") || run.stderr.contains("ErrImagePull"))
        #expect(try await cluster.activeVersion() == "1")
    }

    /// A full cluster: exit 3. A lock held by another pipeline: exit 5, naming the holder.
    @Test func capacityAndLockExitCodes() async throws {
        let cluster = try await Self.cluster(["--ready-after", "100ms", "--nodes", "1"])
        #expect(try await cluster.deploy("1").exitCode == 0)
        let full = try await cluster.deploy("2")
        #expect(full.exitCode == 3, "\(full)")
        #expect(full.stderr.contains("at capacity"))

        let lease = """
            {"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"web-bluegreen","namespace":"default"},
             "spec":{"holderIdentity":"jenkins-7","leaseDurationSeconds":300,"renewTime":"\(Self.microTime(Date()))"}}
            """
        let kubectl = try Prerequisites.executable("kubectl", install: "scripts/test installs it (apt: kubernetes-client)")
        let created = try await ProcessRunnerHelper.run(kubectl, ["--kubeconfig", cluster.sandbox.kubeconfig, "create", "-f", "-"], stdin: lease)
        #expect(created.exitCode == 0, "\(created)")
        let locked = try await cluster.route(["--to", "1"])
        #expect(locked.exitCode == 5, "\(locked)")
        #expect(locked.stderr.contains("jenkins-7"))
    }

    /// A cluster that refuses the credentials: exit 6, with what to check, and never the token.
    @Test func refusedCredentialsExitSix() async throws {
        let cluster = try await Self.cluster(["--token", "the-right-token", "--kubeconfig-user", "token"])
        let text = try String(contentsOfFile: cluster.sandbox.kubeconfig, encoding: .utf8)
        #expect(text.contains("the-right-token"))
        let wrong = cluster.sandbox.directory.appendingPathComponent("wrong-kubeconfig").path
        try text.replacingOccurrences(of: "the-right-token", with: "a-wrong-token").write(toFile: wrong, atomically: true, encoding: .utf8)
        for tool in ["bluegreen-route", "bluegreen-purge"] {
            let run = try await BuiltTool(tool).run(["--app", "web", "--kubeconfig", wrong, "--list"].filter { tool == "bluegreen-route" || $0 != "--list" })
            #expect(run.exitCode == 6, "\(run)")
            #expect(run.stderr.contains("401 Unauthorized"))
            #expect(!run.stderr.contains("a-wrong-token") && !run.stdout.contains("a-wrong-token"))
        }
    }

    /// Route: listing without a terminal exits 2 (the table still on stdout); --to switches;
    /// --rollback returns; a version that is not on the cluster is bad input.
    @Test func routeCommands() async throws {
        let cluster = try await Self.cluster()
        _ = try await cluster.deploy("1")
        _ = try await cluster.deploy("2")
        let listed = try await cluster.route([])
        #expect(listed.exitCode == 2)
        #expect(listed.stdout.contains("VERSION"))
        #expect(listed.stdout.contains("active"))
        #expect(listed.stderr.contains("no --to or --rollback"))
        let back = try await cluster.route(["--rollback"])
        #expect(back.exitCode == 0, "\(back)")
        #expect(back.stdout.hasPrefix("web: switched from 2 to 1"))
        let missing = try await cluster.route(["--to", "9"])
        #expect(missing.exitCode == 2)
        #expect(missing.stderr.contains("versions on the cluster: 2, 1"))
        let both = try await cluster.route(["--to", "1", "--rollback"])
        #expect(both.exitCode == 2)
    }

    /// Purge: a dry run lists and deletes nothing; a real run deletes, keeping the newest ready one.
    @Test func purgeCommands() async throws {
        let cluster = try await Self.cluster(["--ready-after", "100ms", "--nodes", "5"])
        for version in ["1", "2", "3", "4"] { #expect(try await cluster.deploy(version).exitCode == 0) }
        let dry = try await cluster.purge(["--keep", "1", "--dry-run", "-o", "json"])
        #expect(dry.exitCode == 0, "\(dry)")
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(dry.stdout.utf8)) as? [String: Any])
        #expect(plan["deleted"] as? [String] == ["2", "1"])
        #expect(plan["kept"] as? [String] == ["3"])
        let real = try await cluster.purge(["--keep", "1"])
        #expect(real.exitCode == 0, "\(real)")
        #expect(real.stdout.hasPrefix("web: deleted 2, 1"))
        let listing = try await cluster.route(["--list"])
        #expect(!listing.stdout.contains("registry.example.com/web:1 "))
        #expect(listing.stdout.contains("registry.example.com/web:3"))
    }

    /// A deploy killed (SIGKILL, no clean-up) at each stage and run again ends as an
    /// uninterrupted deploy would: Service on the new version, both versions live, no lock left.
    @Test(arguments: ["creating Deployment", "waiting for", "switching Service"])
    func killedDeployConverges(stage: String) async throws {
        let cluster = try await Self.cluster(["--ready-after", "1s"])
        #expect(try await cluster.deploy("1").exitCode == 0)
        let tool = try BuiltTool("bluegreen-deploy")
        let arguments = ["--app", "web", "--version", "2", "--image", "registry.example.com/web", "--skip-image-check", "--templates", Self.templates, "--lock-ttl", "5s"]
        try await ProcessRunnerHelper.killWhenStderrContains(tool.path, arguments, environment: cluster.env, marker: stage)
        let rerun = try await tool.run(arguments + ["--lock-wait", "20s"], environment: cluster.env)
        #expect(rerun.exitCode == 0, "\(rerun)")
        #expect(try await cluster.activeVersion() == "2")
        let listing = try await cluster.route(["--list", "-o", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(listing.stdout.utf8)) as? [String: Any])
        #expect((object["versions"] as? [[String: Any]])?.compactMap { $0["version"] as? String } == ["2", "1"])
        #expect(object["previous"] as? String == "1")
    }

    static func microTime(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'"
        return formatter.string(from: date)
    }
}

/// The routing pipeline's "ask the user", on a real pseudo-terminal (util-linux `script`).
@Suite(.timeLimit(.minutes(2)))
struct InteractiveRouteTests {
    /// On a terminal with no --to, route shows the versions, asks, and switches to the answer;
    /// an answer that is not a ready version is asked again; an empty answer changes nothing.
    @Test func asksWhichVersionOnATerminal() async throws {
        let script = try Prerequisites.executable("script", install: "apt-get install bsdutils (util-linux's script)")
        let cluster = try await PipelineToolsTests.cluster()
        #expect(try await cluster.deploy("1").exitCode == 0)
        #expect(try await cluster.deploy("2").exitCode == 0)
        let route = try BuiltTool("bluegreen-route")
        let command = "\(route.path) --app web --kubeconfig \(cluster.sandbox.kubeconfig)"
        let answered = try await ProcessRunnerHelper.run(script, ["-qec", command, "/dev/null"], environment: ["TERM": "dumb"], stdin: "7\n1\n")
        #expect(answered.exitCode == 0, "\(answered)")
        #expect(answered.stdout.contains("Route web to which version? [1; empty to cancel]"))
        #expect(answered.stdout.contains("'7' is not one of the ready versions"))
        #expect(answered.stdout.contains("web: switched from 2 to 1"))
        #expect(try await cluster.activeVersion() == "1")
        let cancelled = try await ProcessRunnerHelper.run(script, ["-qec", command, "/dev/null"], environment: ["TERM": "dumb"], stdin: "\n")
        #expect(cancelled.exitCode == 0, "\(cancelled)")
        #expect(cancelled.stdout.contains("nothing changed"))
        #expect(try await cluster.activeVersion() == "1")
    }
}
