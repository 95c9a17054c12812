import AWSKit
import Foundation
import SDKCore
import TestSupport
import Testing

/// The main pipeline for real, end to end: buildah builds the image from a Dockerfile, it is
/// pushed to Debian's docker-registry (htpasswd auth accepting the ECR token a moto_server hands
/// out), checked and pinned through the registry API, deployed to a kube-sandbox, switched.
@Suite(.timeLimit(.minutes(3)))
struct EndToEndPipelineTests {
    /// Everything the pipeline talks to, started for one test.
    final class Peers: @unchecked Sendable {
        let moto: ServerProcess
        let registry: ServerProcess
        let sandbox: SandboxProcess
        let directory: URL
        let password: String

        init() async throws {
            let motoPath = try Prerequisites.executable("moto_server", install: "pip install 'moto[server]' (scripts/test does)")
            let registryPath = try Prerequisites.executable("docker-registry", install: "apt-get install docker-registry (scripts/test does)")
            let htpasswd = try Prerequisites.executable("htpasswd", install: "apt-get install apache2-utils (scripts/test does)")
            _ = try Prerequisites.executable("buildah", install: "apt-get install buildah (scripts/test does)")
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)

            moto = try await ServerProcess(motoPath, arguments: { ["-p", "\($0)"] }) { await ServerProcess.answers("http://127.0.0.1:\($0)/moto-api/") }
            // The registry's password is whatever ECR's GetAuthorizationToken gives, asked the way the tool will ask.
            let ecr = try ECRClient(configuration: AWSConfiguration(
                region: "us-east-1", credentials: .static(AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret")),
                environment: AWSEnvironment(["AWS_ENDPOINT_URL": "http://127.0.0.1:\(moto.port)"])))
            let authorization = try #require(try await ecr.getAuthorizationToken().first)
            password = authorization.password.value

            let htpasswdFile = directory.appendingPathComponent("htpasswd")
            let hashed = try await ProcessRunnerHelper.run(htpasswd, ["-Bbn", authorization.username, password])
            try hashed.stdout.write(to: htpasswdFile, atomically: true, encoding: .utf8)
            let storage = directory.appendingPathComponent("registry-data").path
            let configFile = directory.appendingPathComponent("registry.yml")
            registry = try await ServerProcess(registryPath, arguments: { port in
                let config = """
                    version: 0.1
                    storage:
                      filesystem:
                        rootdirectory: \(storage)
                    http:
                      addr: 127.0.0.1:\(port)
                    auth:
                      htpasswd:
                        realm: e2e
                        path: \(htpasswdFile.path)
                    """
                try? config.write(to: configFile, atomically: true, encoding: .utf8)
                return ["serve", configFile.path]
            }) { await ServerProcess.answers("http://127.0.0.1:\($0)/v2/") }
            sandbox = try await SandboxProcess(["--ready-after", "100ms"])

            // The app to build: a FROM scratch image with one file.
            let context = directory.appendingPathComponent("context")
            try FileManager.default.createDirectory(at: context, withIntermediateDirectories: true)
            try "hello from the e2e image\n".write(to: context.appendingPathComponent("hello.txt"), atomically: true, encoding: .utf8)
            try "FROM scratch\nARG APP_VERSION=dev\nLABEL org.opencontainers.image.version=$APP_VERSION\nCOPY hello.txt /hello.txt\n"
                .write(to: context.appendingPathComponent("Dockerfile"), atomically: true, encoding: .utf8)
            // buildah's storage, isolated from the machine's.
            try """
                [storage]
                driver = "vfs"
                graphroot = "\(directory.path)/containers/root"
                runroot = "\(directory.path)/containers/run"
                """.write(to: directory.appendingPathComponent("storage.conf"), atomically: true, encoding: .utf8)
        }

        var registryHost: String { "127.0.0.1:\(registry.port)" }

        var environment: [String: String] {
            [
                "KUBECONFIG": sandbox.kubeconfig,
                "AWS_ENDPOINT_URL": "http://127.0.0.1:\(moto.port)", "AWS_REGION": "us-east-1",
                "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "secret",
                "CONTAINERS_STORAGE_CONF": directory.appendingPathComponent("storage.conf").path,
                "BUILDAH_ISOLATION": "chroot", "REGISTRY_AUTH_FILE": directory.appendingPathComponent("auth.json").path,
            ]
        }

        func deploy(_ version: String, build: Bool) async throws -> BuiltTool.Run {
            var arguments = [
                "--app", "web", "--version", version, "--image", "\(registryHost)/web", "--pin-digest",
                "--registry-auth", "ecr", "--registry-endpoint", "http://\(registryHost)", "--templates", PipelineToolsTests.templates, "-o", "json",
            ]
            if build {
                arguments += ["--build", "--builder", "buildah", "--dockerfile", directory.appendingPathComponent("context/Dockerfile").path,
                              "--build-context", directory.appendingPathComponent("context").path]
            }
            return try await BuiltTool("bluegreen-deploy").run(arguments, environment: environment, timeout: .seconds(150))
        }

        /// The digest the registry reports for a tag, asked independently of the tool.
        func registryDigest(tag: String) async throws -> String? {
            var request = HTTPRequest(method: "HEAD", url: URL(string: "http://\(registryHost)/v2/web/manifests/\(tag)")!)
            request.headers.add(name: "Authorization", value: "Basic " + Data("AWS:\(password)".utf8).base64EncodedString())
            request.headers.add(name: "Accept", value: "application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json")
            return try await AsyncHTTPClientTransport.shared.execute(request, timeout: .seconds(10)).headers["Docker-Content-Digest"]
        }

        func stop() {
            sandbox.stop()
            registry.stop()
            moto.stop()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    /// Build, push, check, pin, deploy and switch, twice; then a version that was never pushed
    /// is refused before anything is created.
    @Test func mainPipelineEndToEnd() async throws {
        let peers = try await Peers()
        defer { peers.stop() }

        let first = try await peers.deploy("1", build: true)
        #expect(first.exitCode == 0, "\(first)")
        let firstDigest = try #require(try await peers.registryDigest(tag: "1"))
        let document = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        #expect(document["image"] as? String == "\(peers.registryHost)/web@\(firstDigest)")
        #expect(document["status"] as? String == "switched")
        #expect(first.stderr.contains("building \(peers.registryHost)/web:1 with buildah"))
        #expect(first.stderr.contains("pushing \(peers.registryHost)/web:1"))
        // The registry password went to buildah on stdin; it is printed nowhere.
        #expect(!first.stdout.contains(peers.password) && !first.stderr.contains(peers.password))

        let second = try await peers.deploy("2", build: true)
        #expect(second.exitCode == 0, "\(second)")
        let secondDocument = try #require(try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [String: Any])
        #expect(secondDocument["previousVersion"] as? String == "1")
        #expect(secondDocument["activeVersion"] as? String == "2")

        let kubectl = try Prerequisites.executable("kubectl", install: "scripts/test installs it")
        let image = try await ProcessRunnerHelper.run(
            kubectl, ["--kubeconfig", peers.sandbox.kubeconfig, "get", "deployment", "web-2", "-o", "jsonpath={.spec.template.spec.containers[0].image}"])
        #expect(image.stdout == "\(peers.registryHost)/web@\(try #require(try await peers.registryDigest(tag: "2")))")
        let selector = try await ProcessRunnerHelper.run(
            kubectl, ["--kubeconfig", peers.sandbox.kubeconfig, "get", "service", "web", "-o", "jsonpath={.spec.selector.app\\.kubernetes\\.io/version}"])
        #expect(selector.stdout == "2")

        let missing = try await peers.deploy("3", build: false)
        #expect(missing.exitCode == 2, "\(missing)")
        #expect(missing.stderr.contains("does not exist"))
        let deployments = try await ProcessRunnerHelper.run(kubectl, ["--kubeconfig", peers.sandbox.kubeconfig, "get", "deployments", "-o", "name"])
        #expect(deployments.stdout.split(separator: "\n").sorted() == ["deployment.apps/web-1", "deployment.apps/web-2"])
    }
}
