import Foundation
import Logging
import SDKCore

/// One run of an exec credential plugin: builds its environment, runs it through
/// `ProcessRunner`, and validates the `ExecCredential` it prints.
struct ExecPluginRun: Sendable {
    var configuration: ExecConfiguration
    var cluster: ExecClusterInfo?
    var environment: [String: String]
    var timeout: Duration
    var isTerminal: @Sendable () -> Bool
    var logger: Logger

    func execute() async throws -> AccessToken {
        let interactive = try interactiveSession()
        var variables = environment
        for variable in configuration.env { variables[variable.name] = variable.value }
        variables["KUBERNETES_EXEC_INFO"] = execInfo(interactive: interactive)

        var command = ProcessRunner.Command(
            configuration.command,
            arguments: configuration.args,
            environment: variables,
            inheritEnvironment: false,
            passThroughStandardError: interactive
        )
        command.inheritStandardInput = interactive
        logger.debug("running exec credential plugin", metadata: ["command": "\(configuration.command)", "interactive": "\(interactive)"])

        let outcome: ProcessRunner.Outcome
        do {
            outcome = try await ProcessRunner().run(command, timeout: interactive ? nil : timeout)
        } catch let error as ProcessRunner.LaunchError {
            var message = "exec credential plugin '\(configuration.command)' cannot run: \(error.reason)"
            message +=
                configuration.installHint.map { ". \($0.trimmingCharacters(in: .whitespacesAndNewlines))" }
                ?? ". Install it or fix users[].user.exec.command in the kubeconfig"
            throw CredentialError(.pluginNotFound, message)
        }
        guard outcome.succeeded else {
            let how = outcome.timedOut ? "did not finish within \(DurationFormat.format(timeout))" : "exited with status \(outcome.exitCode)"
            let stderr = outcome.standardErrorText.trimmingCharacters(in: .whitespacesAndNewlines)
            var message = "exec credential plugin '\(configuration.command)' \(how)"
            if !stderr.isEmpty { message += ": \(String(stderr.suffix(600)))" }
            message += ". Run the command by hand to see what it needs (credentials, network, a login)"
            throw CredentialError(.pluginFailed, message)
        }
        return try parse(outcome.standardOutput)
    }

    private func interactiveSession() throws -> Bool {
        switch configuration.interactiveMode {
        case .always:
            guard isTerminal() else {
                throw CredentialError(
                    .interactionRequired,
                    "exec credential plugin '\(configuration.command)' has interactiveMode Always but standard input is not a terminal; "
                        + "run it where it can prompt, or configure non-interactive credentials"
                )
            }
            return true
        case .ifAvailable: return isTerminal()
        default: return false
        }
    }

    private func execInfo(interactive: Bool) -> String {
        var spec: [String: JSONValue] = ["interactive": .bool(interactive)]
        if configuration.provideClusterInfo, let cluster { spec["cluster"] = cluster.json }
        let info: JSONValue = ["kind": "ExecCredential", "apiVersion": .string(configuration.apiVersion), "spec": .object(spec)]
        return String(decoding: info.serialized(), as: UTF8.self)
    }

    /// Validates the plugin's output. Nothing it printed is quoted: it may hold the token.
    private func parse(_ output: [UInt8]) throws -> AccessToken {
        let plugin = "exec credential plugin '\(configuration.command)'"
        guard let credential = try? JSONValue(parsing: Data(output)), credential.objectValue != nil else {
            throw CredentialError(
                .invalidCredential,
                "\(plugin) did not print an ExecCredential JSON object on standard output; check that it is a kubectl credential plugin")
        }
        let apiVersion = credential["apiVersion"]?.stringValue ?? ""
        guard apiVersion == configuration.apiVersion else {
            throw CredentialError(
                .invalidCredential,
                "\(plugin) is configured to use API version \(configuration.apiVersion), but it returned version '\(apiVersion)'; "
                    + "set users[].user.exec.apiVersion to what the plugin speaks"
            )
        }
        guard credential["kind"]?.stringValue == "ExecCredential" else {
            throw CredentialError(.invalidCredential, "\(plugin) returned a '\(credential["kind"]?.stringValue ?? "")' object, not an ExecCredential")
        }
        guard let status = credential["status"], status.objectValue != nil else {
            throw CredentialError(.invalidCredential, "\(plugin) returned an ExecCredential without a status field")
        }
        if status["clientCertificateData"]?.stringValue?.isEmpty == false || status["clientKeyData"]?.stringValue?.isEmpty == false {
            throw CredentialError(
                .invalidCredential,
                "\(plugin) returned a client certificate; KubeKit accepts bearer tokens from exec plugins. Use a plugin that returns a token, or put the certificate in the kubeconfig"
            )
        }
        guard let token = status["token"]?.stringValue, !token.isEmpty else {
            throw CredentialError(.invalidCredential, "\(plugin) returned an ExecCredential without a token")
        }
        var expiry: Date?
        if let stamp = status["expirationTimestamp"], !stamp.isNull {
            guard let text = stamp.stringValue, let date = RFC3339.date(from: text) else {
                throw CredentialError(.invalidCredential, "\(plugin) returned an expirationTimestamp that is not an RFC 3339 time")
            }
            expiry = date
        }
        logger.debug("exec credential plugin returned a token", metadata: ["expires": "\(expiry.map(RFC3339.string(from:)) ?? "never")"])
        return AccessToken(token: Secret(token), expiresAt: expiry)
    }
}
