import Foundation
import KubeKit
import SDKCore
import TestSupport

/// Runs the real kubectl for tests: offline (`--dry-run=client`) or against a server.
enum Kubectl {
    static func path() throws -> String {
        try Prerequisites.executable("kubectl", install: "run scripts/test (it installs kubectl) or apt-get install kubernetes-client")
    }

    /// Runs kubectl with `arguments` and returns its standard output; throws with its stderr
    /// when it fails.
    static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> String {
        var env = environment
        env["KUBECONFIG"] = env["KUBECONFIG"] ?? "/nonexistent/kubeconfig"
        let outcome = try await ProcessRunner().run(.init(try path(), arguments: arguments, environment: env), timeout: .seconds(60))
        guard outcome.succeeded else {
            throw KubectlFailed(arguments: arguments, stderr: outcome.standardErrorText)
        }
        return outcome.standardOutputText
    }

    /// Runs kubectl and parses its JSON output.
    static func json(_ arguments: [String], environment: [String: String] = [:]) async throws -> JSONValue {
        try JSONValue(parsing: try await run(arguments, environment: environment))
    }

    struct KubectlFailed: Error, CustomStringConvertible {
        var arguments: [String]
        var stderr: String
        var description: String { "kubectl \(arguments.joined(separator: " ")) failed: \(stderr)" }
    }
}

extension JSONValue {
    /// The value with `null`s and empty objects removed, recursively: the fields Go's
    /// `omitempty` treats as absent, so that two encoders can be compared on meaning.
    var withoutEmpties: JSONValue? {
        switch self {
        case .null: return nil
        case .object(let members):
            let kept = members.compactMapValues(\.withoutEmpties)
            return kept.isEmpty ? nil : .object(kept)
        case .array(let elements):
            return .array(elements.compactMap(\.withoutEmpties))
        default: return self
        }
    }
}
