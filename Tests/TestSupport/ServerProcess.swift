import Foundation
import SDKCore

/// A server started as a child process for a test (moto_server, docker-registry …) on a free
/// loopback port, and stopped by ``stop()`` or when the value is released.
public final class ServerProcess: @unchecked Sendable {
    public let port: Int
    public let process: Process
    private let logFile: URL

    /// Starts `executable` with `arguments(port)` and waits until `ready(port)` returns true.
    public init(
        _ executable: String,
        arguments: (Int) -> [String],
        environment: [String: String] = [:],
        readyTimeout: Duration = .seconds(30),
        ready: @escaping @Sendable (Int) async -> Bool
    ) async throws {
        let port = try FreePort.allocate()
        self.port = port
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments(port)
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { _, new in new }
        process.environment = env
        logFile = FileManager.default.temporaryDirectory.appendingPathComponent("server-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let handle = try FileHandle(forWritingTo: logFile)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        self.process = process

        let clock = ContinuousClock()
        let deadline = clock.now + readyTimeout
        while clock.now < deadline {
            if !process.isRunning {
                throw ServerError(message: "\(executable) exited with \(process.terminationStatus): \(log)")
            }
            if await ready(port) { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        stop()
        throw ServerError(message: "\(executable) did not become ready in \(readyTimeout): \(log)")
    }

    /// What the server printed so far.
    public var log: String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

    /// Stops the server: SIGTERM, up to five seconds to exit (a server with open keep-alive
    /// connections may take a while), then SIGKILL. Polls instead of `waitUntilExit`, which
    /// busy-waits on Linux.
    public func stop() {
        guard process.isRunning else { return }
        let pid = process.processIdentifier
        kill(pid, SIGTERM)
        for _ in 0..<50 where process.isRunning { usleep(100_000) }
        if process.isRunning { kill(pid, SIGKILL) }
        for _ in 0..<50 where process.isRunning { usleep(100_000) }
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: logFile)
    }

    public struct ServerError: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// True once `GET url` answers with any HTTP status.
    public static func answers(_ url: String) async -> Bool {
        guard let url = URL(string: url) else { return false }
        let request = HTTPRequest(method: "GET", url: url)
        return (try? await AsyncHTTPClientTransport.shared.execute(request, timeout: .seconds(2))) != nil
    }
}

/// Free TCP ports on the loopback interface.
public enum FreePort {
    /// Binds port 0, reads the port the kernel chose, and releases it.
    public static func allocate() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw POSIXError(.EINVAL) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
