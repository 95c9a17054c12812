import SDKCore
import Testing
import TestSupport

@testable import KubeSandbox

/// The server keeps reading a connection while it streams an answer, as a real API server does,
/// so a client that closes TLS during a watch gets its close_notify answered at once instead of
/// when the watch ends (a client waiting for that answer used to wait out its own time limit).
struct ConnectionCloseTests {
    /// Python's ssl module (OpenSSL) opens a watch (timeoutSeconds=600) over TLS, reads the
    /// answer's head, sends close_notify and waits up to 60 s for the server's: it is answered.
    @Test func closeNotifyDuringAWatchIsAnswered() async throws {
        let python = try Prerequisites.executable("python3", install: "apt-get install -y python3")
        try await withSandbox({ $0.tls = true }) { sandbox, _ async throws in
            let token = try #require(sandbox.bearerToken)
            // The token goes through standard input, never the command line.
            let outcome = try await ProcessRunner().run(
                .init(python, arguments: ["-c", Self.client, String(sandbox.port)], standardInput: Array((token + "\n").utf8)),
                timeout: .seconds(120))
            let lines = outcome.standardOutputText.split(separator: "\n").map(String.init)
            #expect(lines.first?.hasPrefix("HTTP/1.1 200") == true, "the watch was not answered: \(lines)")
            #expect(lines.last == "answered", "the server did not answer close_notify during the watch: \(lines)")
        }
    }

    static let client = """
        import socket, ssl, sys
        token = sys.stdin.readline().strip()
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        tls = context.wrap_socket(socket.create_connection(("127.0.0.1", int(sys.argv[1]))))
        tls.sendall(("GET /api/v1/namespaces/default/configmaps?watch=1&timeoutSeconds=600 HTTP/1.1\\r\\n"
                     "Host: sandbox\\r\\nAuthorization: Bearer " + token + "\\r\\n\\r\\n").encode())
        received = b""
        while b"\\r\\n\\r\\n" not in received:
            chunk = tls.recv(4096)
            if not chunk:
                break
            received += chunk
        print(received.split(b"\\r\\n")[0].decode(), flush=True)
        tls.settimeout(60)
        try:
            tls.unwrap()
            print("answered")
        except Exception as error:
            print("unanswered: " + type(error).__name__)
        """
}
