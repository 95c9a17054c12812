import Foundation
import SDKCore
import TestSupport
import Testing

/// The pipeline tools at `--verbose` on error paths, with every kind of credential configured:
/// no secret appears anywhere in what they print (stdout or stderr), whatever the failure.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct ToolSecretLeakTests {
    /// A stand-in for AWS (EKS refuses, STS rejects web identity tokens, the container endpoint
    /// hands out credentials) and for a registry that refuses every login.
    static func fakeAWSAndRegistry() async throws -> TestHTTPServer {
        try await TestHTTPServer { request in
            let path = request.url.path
            if path == "/creds" {
                guard request.headers["Authorization"] == Self.containerAuthToken else { return .json(#"{"message": "bad token"}"#, status: 401) }
                return .json(
                    #"{"AccessKeyId": "ASIACONTAINER", "SecretAccessKey": "\#(Self.containerSecretKey)", "Token": "\#(Self.containerSessionToken)", "Expiration": "2099-01-01T00:00:00Z"}"#)
            }
            if path.hasPrefix("/v2") {
                return HTTPResponse(status: 401, headers: ["WWW-Authenticate": #"Basic realm="registry""#, "Content-Type": "application/json"],
                                    body: Data(#"{"errors": [{"code": "UNAUTHORIZED", "message": "authentication required"}]}"#.utf8))
            }
            if path.hasPrefix("/clusters") {
                return HTTPResponse(status: 403, headers: ["x-amzn-ErrorType": "AccessDeniedException", "Content-Type": "application/json"],
                                    body: Data(#"{"message": "User is not authorized to perform: eks:DescribeCluster"}"#.utf8))
            }
            // STS (AssumeRoleWithWebIdentity and anything else).
            return HTTPResponse(status: 400, headers: ["Content-Type": "text/xml"], body: Data("""
                <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>InvalidIdentityToken</Code>\
                <Message>Couldn't retrieve verification key from your identity provider</Message></Error><RequestId>1</RequestId></ErrorResponse>
                """.utf8))
        }
    }

    static let envSecretKey = "env-secret-key-LEAKCHECK1"
    static let envSessionToken = "env-session-token-LEAKCHECK2"
    static let webIdentityToken = "web-identity-token-LEAKCHECK3"
    static let containerAuthToken = "container-auth-token-LEAKCHECK4"
    static let containerSecretKey = "container-secret-key-LEAKCHECK5"
    static let containerSessionToken = "container-session-token-LEAKCHECK6"
    static let registryPassword = "registry-password-LEAKCHECK7"
    static let bearerToken = "bearer-token-LEAKCHECK8"
    static let execToken = "exec-plugin-token-LEAKCHECK9"

    /// Fails when any of `secrets` appears in what the run printed.
    static func expectNoSecrets(_ secrets: [String], in run: BuiltTool.Run, exitCode: Int32, case name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.exitCode == exitCode, "\(name): \(run)", sourceLocation: sourceLocation)
        #expect(!run.stderr.isEmpty, "\(name): nothing on stderr, so the check proves nothing", sourceLocation: sourceLocation)
        for secret in secrets {
            #expect(!run.stdout.contains(secret) && !run.stderr.contains(secret), "\(name): a secret leaked (\(secret.prefix(12))…)", sourceLocation: sourceLocation)
        }
    }

    static func server(in kubeconfig: String) throws -> String {
        let text = try String(contentsOfFile: kubeconfig, encoding: .utf8)
        return try #require(text.split(separator: "\n").first { $0.contains("server:") }?.split(separator: " ").last.map(String.init))
    }

    /// AWS credentials of every source (environment keys and session token, web identity token,
    /// container credentials and their authorization token) on EKS and STS errors.
    @Test func awsCredentialsNeverPrinted() async throws {
        let server = try await Self.fakeAWSAndRegistry()
        defer { Task { await server.shutdown() } }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leaks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let tokenFile = directory.appendingPathComponent("web-identity-token")
        try Self.webIdentityToken.write(to: tokenFile, atomically: true, encoding: .utf8)
        let base = ["AWS_ENDPOINT_URL": server.baseURL.absoluteString, "AWS_REGION": "us-east-1", "AWS_EC2_METADATA_DISABLED": "true",
                    "AWS_CONFIG_FILE": "/nonexistent", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent"]
        let cases: [(name: String, tool: String, environment: [String: String], secrets: [String])] = [
            ("environment keys", "bluegreen-route",
             ["AWS_ACCESS_KEY_ID": "AKIAENVIRONMENT", "AWS_SECRET_ACCESS_KEY": Self.envSecretKey, "AWS_SESSION_TOKEN": Self.envSessionToken],
             [Self.envSecretKey, Self.envSessionToken]),
            ("web identity", "bluegreen-purge",
             ["AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile.path, "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/ci"], [Self.webIdentityToken]),
            ("container credentials", "bluegreen-route",
             ["AWS_CONTAINER_CREDENTIALS_FULL_URI": server.baseURL.absoluteString + "/creds", "AWS_CONTAINER_AUTHORIZATION_TOKEN": Self.containerAuthToken],
             [Self.containerAuthToken, Self.containerSecretKey, Self.containerSessionToken]),
        ]
        for item in cases {
            let arguments = ["--app", "web", "--eks-cluster", "prod", "-v"] + (item.tool == "bluegreen-route" ? ["--list"] : [])
            let run = try await BuiltTool(item.tool).run(arguments, environment: base.merging(item.environment) { _, new in new })
            Self.expectNoSecrets(item.secrets, in: run, exitCode: 6, case: item.name)
        }
        #expect(server.requests.contains { $0.url.path == "/creds" }, "the container credentials were never fetched, so that case proves nothing")
    }

    /// The registry password from Docker's config, when the registry refuses it during a deploy.
    @Test func registryPasswordNeverPrinted() async throws {
        let server = try await Self.fakeAWSAndRegistry()
        defer { Task { await server.shutdown() } }
        let sandbox = try await SandboxProcess(["--ready-after", "100ms"])
        let dockerConfig = sandbox.directory.appendingPathComponent("docker")
        try FileManager.default.createDirectory(at: dockerConfig, withIntermediateDirectories: true)
        let registry = "127.0.0.1:\(server.port)"
        let auth = Data("ci:\(Self.registryPassword)".utf8).base64EncodedString()
        try #"{"auths": {"\#(registry)": {"auth": "\#(auth)"}}}"#.write(to: dockerConfig.appendingPathComponent("config.json"), atomically: true, encoding: .utf8)
        let run = try await BuiltTool("bluegreen-deploy").run(
            ["--app", "web", "--version", "1", "--image", "\(registry)/web", "--registry-auth", "docker", "--registry-endpoint", "http://\(registry)",
             "--templates", PipelineToolsTests.templates, "-v"],
            environment: ["KUBECONFIG": sandbox.kubeconfig, "DOCKER_CONFIG": dockerConfig.path])
        Self.expectNoSecrets([Self.registryPassword, auth], in: run, exitCode: 6, case: "registry password")
        #expect(server.requests.contains { $0.headers["Authorization"] == "Basic \(auth)" }, "the password was never sent, so the case proves nothing")
    }

    /// Kubernetes credentials: a refused bearer token, a refused exec plugin token, and a client
    /// key whose connection fails certificate verification.
    @Test func clusterCredentialsNeverPrinted() async throws {
        let sandbox = try await SandboxProcess(["--token", "the-accepted-token", "--kubeconfig-user", "token"])
        let text = try String(contentsOfFile: sandbox.kubeconfig, encoding: .utf8)
        let bearer = sandbox.directory.appendingPathComponent("bearer-kubeconfig").path
        try text.replacingOccurrences(of: "the-accepted-token", with: Self.bearerToken).write(toFile: bearer, atomically: true, encoding: .utf8)

        let plugin = sandbox.directory.appendingPathComponent("token-plugin")
        try """
            #!/bin/sh
            echo '{"apiVersion": "client.authentication.k8s.io/v1beta1", "kind": "ExecCredential", "status": {"token": "\(Self.execToken)"}}'
            """.write(to: plugin, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: plugin.path)
        let exec = sandbox.directory.appendingPathComponent("exec-kubeconfig").path
        try """
            apiVersion: v1
            kind: Config
            clusters: [{name: sandbox, cluster: {server: "\(try Self.server(in: sandbox.kubeconfig))"}}]
            users: [{name: ci, user: {exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: "\(plugin.path)", interactiveMode: Never}}}]
            contexts: [{name: ci, context: {cluster: sandbox, user: ci}}]
            current-context: ci
            """.write(toFile: exec, atomically: true, encoding: .utf8)

        for (name, kubeconfig, secret) in [("bearer token", bearer, Self.bearerToken), ("exec plugin token", exec, Self.execToken)] {
            for tool in ["bluegreen-route", "bluegreen-purge"] {
                let run = try await BuiltTool(tool).run(["--app", "web", "--kubeconfig", kubeconfig, "-v"] + (tool == "bluegreen-route" ? ["--list"] : []))
                Self.expectNoSecrets([secret], in: run, exitCode: 6, case: "\(name) (\(tool))")
            }
        }

        // A client certificate and key over TLS, with the CA removed so that verification fails.
        let tls = try await SandboxProcess(["--tls"])
        let tlsText = try String(contentsOfFile: tls.kubeconfig, encoding: .utf8)
        let keyData = try #require(tlsText.split(separator: "\n").first { $0.contains("client-key-data:") }?.split(separator: " ").last.map(String.init))
        let keyPEM = String(decoding: try #require(Data(base64Encoded: keyData)), as: UTF8.self)
        let keyBody = try #require(keyPEM.split(separator: "\n").dropFirst().first.map(String.init))
        let noCA = tls.directory.appendingPathComponent("no-ca-kubeconfig").path
        try tlsText.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("certificate-authority-data:") }.joined(separator: "\n")
            .write(toFile: noCA, atomically: true, encoding: .utf8)
        let run = try await BuiltTool("bluegreen-deploy").run(
            ["--app", "web", "--version", "1", "--image", "registry.example.com/web", "--skip-image-check", "--templates", PipelineToolsTests.templates,
             "--kubeconfig", noCA, "-v"])
        Self.expectNoSecrets([keyData, keyBody], in: run, exitCode: 1, case: "client key")
        #expect(run.stderr.contains("certificate"), "\(run)")
    }
}
