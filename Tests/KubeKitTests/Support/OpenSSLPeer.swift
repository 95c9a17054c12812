import Foundation
import SDKCore
import TestSupport

/// A TLS server that requires client certificates, played by `openssl s_server`, with a CA
/// and client identities made by the `openssl` command line: a real peer for mutual TLS.
struct OpenSSLPeer {
    let directory: TemporaryDirectory
    let server: ServerProcess
    var port: Int { server.port }

    /// The files of one client identity.
    struct Identity {
        var certificate: String
        var key: String
    }

    static func openssl() throws -> String {
        try Prerequisites.executable("openssl", install: "run scripts/test (it installs openssl) or apt-get install openssl")
    }

    static func run(_ arguments: [String], in directory: TemporaryDirectory) async throws {
        var command = ProcessRunner.Command(try openssl(), arguments: arguments)
        command.workingDirectory = directory.path
        let outcome = try await ProcessRunner().run(command, timeout: .seconds(60))
        guard outcome.succeeded else {
            throw Failure(description: "openssl \(arguments.joined(separator: " ")) failed: \(outcome.standardErrorText)")
        }
    }

    /// Makes a CA and a server certificate for 127.0.0.1, and starts `openssl s_server` with
    /// `-Verify 1` (a client certificate signed by the CA is required).
    static func start() async throws -> OpenSSLPeer {
        let directory = try TemporaryDirectory()
        try directory.write("san.ext", "subjectAltName=IP:127.0.0.1,DNS:localhost\n")
        try await run(
            ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=kubekit-test-ca"],
            in: directory)
        try await run(
            ["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1"], in: directory)
        try await run(
            [
                "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.crt", "-days", "2",
                "-extfile", "san.ext",
            ],
            in: directory
        )
        let openssl = try openssl()
        let base = directory.path
        let server = try await ServerProcess(
            openssl,
            arguments: { port in
                [
                    "s_server", "-accept", "127.0.0.1:\(port)", "-cert", "\(base)/server.crt", "-key", "\(base)/server.key", "-CAfile",
                    "\(base)/ca.crt",
                    "-Verify", "1", "-www", "-quiet",
                ]
            },
            ready: { port in Self.accepts(port) }
        )
        return OpenSSLPeer(directory: directory, server: server)
    }

    /// A client key made with `keyArguments` (run in the folder, writing `<name>.key`) and a
    /// certificate for it signed by the CA.
    func identity(_ name: String, keyArguments: [String]) async throws -> Identity {
        try await Self.run(keyArguments, in: directory)
        try await Self.run(["req", "-new", "-key", "\(name).key", "-out", "\(name).csr", "-subj", "/CN=\(name)/O=system:masters"], in: directory)
        try await Self.run(
            ["x509", "-req", "-in", "\(name).csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out", "\(name).crt", "-days", "2"],
            in: directory)
        return Identity(certificate: "\(directory.path)/\(name).crt", key: "\(directory.path)/\(name).key")
    }

    var caPath: String { "\(directory.path)/ca.crt" }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Stops the server (SIGTERM, which `openssl s_server` now receives: it starts with default
    /// signal handling, whatever the test runner blocks).
    func stop() {
        server.stop()
    }

    /// Whether something accepts TCP connections on the port.
    static func accepts(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }
}
