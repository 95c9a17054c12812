import Foundation
import Logging
import SDKCore

/// Credentials printed by a command (`credential_process` in a profile), as JSON with
/// `Version: 1`, `AccessKeyId`, `SecretAccessKey`, and optionally `SessionToken` and `Expiration`.
public struct ProcessCredentialProvider: CredentialProvider {
    /// The command line, run by `/bin/sh -c`.
    public let command: String
    /// How long the command may take.
    public let timeout: Duration

    /// Creates a provider.
    public init(command: String, timeout: Duration = .seconds(60)) {
        self.command = command
        self.timeout = timeout
    }

    private struct Output: Decodable {
        var Version: Int
        var AccessKeyId: String
        var SecretAccessKey: String
        var SessionToken: String?
        var Expiration: String?
    }

    /// Runs the command and reads its output.
    public func credentials(logger: Logger) async throws -> AWSCredentials {
        let program = command.split(separator: " ").first.map(String.init) ?? command
        logger.debug("running credential_process", metadata: ["program": "\(program)"])
        let outcome: ProcessRunner.Outcome
        do {
            outcome = try await ProcessRunner().run(.shell(command), timeout: timeout)
        } catch {
            throw CredentialError(.providerFailed, "credential_process '\(program)' could not be started: \(error)")
        }
        guard !outcome.timedOut else {
            throw CredentialError(.providerFailed, "credential_process '\(program)' did not finish within \(DurationFormat.format(timeout)); check the command")
        }
        guard outcome.succeeded else {
            let firstLine = outcome.standardErrorText.split(separator: "\n").first.map { String($0.prefix(200)) } ?? ""
            throw CredentialError(.providerFailed, "credential_process '\(program)' failed with exit code \(outcome.exitCode)\(firstLine.isEmpty ? "" : ": \(firstLine)"); run it by hand to see why")
        }
        let output: Output
        do {
            output = try JSONDecoder().decode(Output.self, from: Data(outcome.standardOutput))
        } catch {
            throw CredentialError(.providerFailed, "credential_process '\(program)' printed something that is not the credential JSON (Version, AccessKeyId, SecretAccessKey …); fix its output")
        }
        guard output.Version == 1 else {
            throw CredentialError(.providerFailed, "credential_process '\(program)' printed Version \(output.Version); only version 1 is defined")
        }
        let expiration = try CredentialError.expiration(output.Expiration, from: "credential_process '\(program)'")
        return AWSCredentials(
            accessKeyId: output.AccessKeyId, secretAccessKey: output.SecretAccessKey, sessionToken: output.SessionToken, expiration: expiration)
    }
}
