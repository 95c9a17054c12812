import Foundation
import SDKCore
import TestSupport
import Testing

/// The built `eks-token` executable: arguments in; stdout, stderr and exit code checked.
struct EKSTokenCommandTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let secret = "cli-secret-access-key-DO-NOT-PRINT"
    static let sessionToken = "cli-session-token-DO-NOT-PRINT"

    /// The executable next to the test bundle (built by `swift build --build-tests`).
    static func executable() throws -> String {
        let directory = Bundle.module.bundleURL.deletingLastPathComponent()
        let path = directory.appendingPathComponent("eks-token").path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw VectorError(message: "missing test prerequisite: the eks-token executable at \(path). Build it first: swift build --build-tests")
        }
        return path
    }

    /// Runs eks-token with only the given variables (plus PATH), never the metadata service.
    static func run(_ arguments: [String], _ variables: [String: String] = [:]) async throws -> Run {
        var environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": "/nonexistent", "AWS_EC2_METADATA_DISABLED": "true"]
        environment.merge(variables) { _, new in new }
        let outcome = try await ProcessRunner().run(.init(try executable(), arguments: arguments, environment: environment, inheritEnvironment: false), timeout: .seconds(60))
        return Run(status: outcome.exitCode, stdout: outcome.standardOutputText, stderr: outcome.standardErrorText)
    }

    static let keys = ["AWS_ACCESS_KEY_ID": "AKIACLITEST", "AWS_SECRET_ACCESS_KEY": secret, "AWS_SESSION_TOKEN": sessionToken]

    /// A token for the cluster is printed as an ExecCredential (v1beta1 by default, v1 when
    /// KUBERNETES_EXEC_INFO asks), exit 0, nothing on stderr.
    @Test func printsAnExecCredential() async throws {
        let run = try await Self.run(["--cluster-name", "prod", "--region", "eu-west-1"], Self.keys)
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["apiVersion"] as? String == "client.authentication.k8s.io/v1beta1")
        let status = try #require(object["status"] as? [String: Any])
        #expect((status["token"] as? String)?.hasPrefix("k8s-aws-v1.") == true)
        let v1 = try await Self.run(["--cluster-name", "prod"], Self.keys.merging(["AWS_REGION": "eu-west-1", "KUBERNETES_EXEC_INFO": #"{"apiVersion":"client.authentication.k8s.io/v1"}"#]) { _, new in new })
        #expect(v1.status == 0)
        #expect(v1.stdout.contains(#""apiVersion": "client.authentication.k8s.io/v1","#))
    }

    /// Usage errors exit 2 with the problem on stderr: no cluster, an unknown API version, a
    /// bad region, no region at all.
    @Test(arguments: [
        [],
        ["--cluster-name", "prod", "--api-version", "client.authentication.k8s.io/v1alpha1", "--region", "eu-west-1"],
        ["--cluster-name", "prod", "--region", "Not A Region"],
        ["--cluster-name", "prod"],
    ])
    func usageErrorsExitTwo(arguments: [String]) async throws {
        let run = try await Self.run(arguments, Self.keys)
        #expect(run.status == 2, "stderr: \(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(!run.stderr.isEmpty)
    }

    /// Missing or broken credentials exit 6 with a message on stderr that names the fix and
    /// contains no secret, even with --verbose.
    @Test func credentialProblemsExitSix() async throws {
        let none = try await Self.run(["--cluster-name", "prod", "--region", "eu-west-1"])
        #expect(none.status == 6)
        #expect(none.stderr.contains("AWS_ACCESS_KEY_ID"))
        let half = try await Self.run(["--cluster-name", "prod", "--region", "eu-west-1", "-v"], ["AWS_SECRET_ACCESS_KEY": Self.secret])
        #expect(half.status == 6)
        #expect(!half.stderr.contains(Self.secret))
        let profile = try await Self.run(["--cluster-name", "prod", "--region", "eu-west-1", "--profile", "missing"], Self.keys)
        #expect(profile.status == 6)
        #expect(profile.stderr.contains("'missing'"))
    }

    /// --role-arn assumes the role on STS (moto) and signs with it, logging (with -v) but
    /// never a secret.
    @Test func roleARN() async throws {
        let moto = try await Moto()
        defer { moto.stop() }
        let variables = Self.keys.merging(["AWS_ENDPOINT_URL_STS": moto.endpoint]) { _, new in new }
        let run = try await Self.run(["--cluster-name", "prod", "--region", "eu-west-1", "--role-arn", "arn:aws:iam::123456789012:role/eks", "-v"], variables)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(!run.stderr.contains(Self.secret) && !run.stderr.contains(Self.sessionToken))
        #expect(run.stderr.contains("aws.operation=AssumeRole"))
    }
}
