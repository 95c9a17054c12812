import AWSKit
import ArgumentParser
import Foundation
import Logging
import SDKCore

/// Prints an `ExecCredential` with a bearer token for an EKS cluster: a drop-in for
/// `aws eks get-token` in a kubeconfig's `exec` section.
@main
struct EKSTokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eks-token",
        abstract: "Print a Kubernetes ExecCredential with a bearer token for an Amazon EKS cluster.",
        discussion: """
            A drop-in for 'aws eks get-token'. Credentials come from the standard AWS chain \
            (environment, web identity, ~/.aws profiles, container and EC2 instance roles).

            Exit codes: 0 done, 2 bad input or usage, 6 credentials or authorization, 1 other failures.
            """
    )

    @Option(name: .customLong("cluster-name"), help: "The EKS cluster's name (the token is valid for this cluster only).")
    var clusterName: String

    @Option(help: "The AWS region (else AWS_REGION, AWS_DEFAULT_REGION, the profile's region).")
    var region: String?

    @Option(name: .customLong("role-arn"), help: "Assume this IAM role first and sign the token with its credentials.")
    var roleARN: String?

    @Option(help: "The AWS shared-config profile to take credentials from.")
    var profile: String?

    @Option(
        name: .customLong("api-version"),
        help: "client.authentication.k8s.io/v1beta1 or client.authentication.k8s.io/v1 (default: from KUBERNETES_EXEC_INFO, else v1beta1)."
    )
    var apiVersion: String?

    @Flag(name: .shortAndLong, help: "Log progress to stderr (never secrets).")
    var verbose = false

    func validate() throws {
        if clusterName.isEmpty { throw ValidationError("--cluster-name must not be empty") }
        if let apiVersion, ExecCredentialVersion(rawValue: apiVersion) == nil {
            throw ValidationError("--api-version must be \(ExecCredentialVersion.v1beta1) or \(ExecCredentialVersion.v1), not '\(apiVersion)'")
        }
        if let region {
            do {
                _ = try AWSRegion.validated(region)
            } catch {
                throw ValidationError("--region: \(error)")
            }
        }
    }

    /// Parses the arguments itself so that usage errors exit with 2 (the project's contract)
    /// instead of ArgumentParser's 64.
    static func main() async {
        let command: EKSTokenCommand
        do {
            guard let parsed = try parseAsRoot() as? EKSTokenCommand else {
                print(helpMessage())
                Foundation.exit(0)
            }
            command = parsed
        } catch {
            let message = fullMessage(for: error)
            if exitCode(for: error) == .success {
                print(message)
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((message + "\n").utf8))
            Foundation.exit(2)
        }
        Foundation.exit(await command.execute())
    }

    func run() async throws {
        let status = await execute()
        if status != 0 { throw ExitCode(status) }
    }

    /// Makes the token and prints it; returns the exit code.
    func execute() async -> Int32 {
        let environment = AWSEnvironment.process
        var logger = Logger(label: "eks-token") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = verbose ? .debug : .warning
        let version: ExecCredentialVersion
        if let apiVersion, let chosen = ExecCredentialVersion(rawValue: apiVersion) {
            version = chosen
        } else {
            let discovered = ExecCredentialVersion.fromExecInfo(environment["KUBERNETES_EXEC_INFO"])
            if let warning = discovered.warning { Self.printError(warning) }
            version = discovered.version
        }
        do {
            let configuration = AWSConfiguration(region: region.map(AWSRegion.init(rawValue:)), profile: profile, environment: environment)
            let token = try await EKSToken.make(clusterName: clusterName, configuration: configuration, roleARN: roleARN, logger: logger)
            print(token.execCredentialJSON(apiVersion: version))
            return 0
        } catch {
            Self.printError("\(error)")
            return Self.exitCode(forFailure: error)
        }
    }

    /// 2 for bad input, 6 for credentials or authorization, 1 for anything else.
    static func exitCode(forFailure error: any Error) -> Int32 {
        switch error {
        case is CredentialError:
            return 6
        case let error as AWSError:
            return error.isAuthorizationFailure ? 6 : 1
        case let error as AWSClientError:
            return [.missingRegion, .invalidRegion, .invalidParameter, .invalidEndpoint].contains(error.code) ? 2 : 1
        default:
            return 1
        }
    }

    static func printError(_ message: String) {
        FileHandle.standardError.write(Data("eks-token: \(message)\n".utf8))
    }
}
