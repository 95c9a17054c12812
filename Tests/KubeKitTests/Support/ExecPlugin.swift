import Foundation
import KubeKit

/// A real exec credential plugin (a shell script) for tests. Each run counts itself, records
/// its arguments and `KUBERNETES_EXEC_INFO`, and prints an ExecCredential with the token
/// `token-<run>` and the expiry in the file `expiry` (absent: none).
struct ExecPlugin {
    let directory: TemporaryDirectory
    let command: String

    init(apiVersion: String = ExecConfiguration.v1, delaySeconds: Double = 0) throws {
        directory = try TemporaryDirectory()
        command = try directory.write(
            "plugin.sh",
            """
            #!/bin/sh
            state="$(dirname "$0")"
            n=$(( $(cat "$state/count" 2>/dev/null || echo 0) + 1 ))
            echo "$n" > "$state/count"
            printf '%s' "$KUBERNETES_EXEC_INFO" > "$state/info.json"
            echo "$@" > "$state/args"
            echo "${PLUGIN_GREETING:-}" > "$state/greeting"
            sleep \(delaySeconds)
            expiry=""
            if [ -f "$state/expiry" ]; then expiry=",\\"expirationTimestamp\\":\\"$(cat "$state/expiry")\\""; fi
            printf '{"kind":"ExecCredential","apiVersion":"\(apiVersion)","spec":{},"status":{"token":"token-%s"%s}}' "$n" "$expiry"
            """,
            executable: true
        )
    }

    var runs: Int { Int(read("count") ?? "0") ?? 0 }
    var execInfo: JSONValue? { read("info.json").flatMap { try? JSONValue(parsing: $0) } }
    var arguments: String? { read("args") }
    var greeting: String? { read("greeting") }

    func setExpiry(_ text: String?) throws {
        let path = directory.url.appendingPathComponent("expiry").path
        if let text { try directory.write("expiry", text) } else { try? FileManager.default.removeItem(atPath: path) }
    }

    func configuration(interactiveMode: ExecConfiguration.InteractiveMode = .never, provideClusterInfo: Bool = false) -> ExecConfiguration {
        ExecConfiguration(
            command: command, args: ["get-token", "--cluster", "prod"], env: [.init(name: "PLUGIN_GREETING", value: "hello")],
            provideClusterInfo: provideClusterInfo, interactiveMode: interactiveMode
        )
    }

    private func read(_ name: String) -> String? {
        FileManager.default.contents(atPath: directory.url.appendingPathComponent(name).path)
            .map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
    }
}
