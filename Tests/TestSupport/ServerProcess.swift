import Foundation
import SDKCore
import Subprocess

#if canImport(System)
import System
#else
import SystemPackage
#endif

/// A server started as a child process for a test (moto_server, docker-registry …) on a free
/// loopback port, and stopped by ``stop()`` or when the value is released.
///
/// Started with swift-subprocess, so the server begins with an empty signal mask and default
/// signal actions whatever the test runner's threads block or ignore, and it leads its own
/// process group: ``stop()`` sends SIGTERM to the group and SIGKILL if it is still there after a
/// grace period.
public final class ServerProcess: Sendable {
    /// The loopback port the server was told to listen on.
    public let port: Int
    /// The server's process ID, which is also its process group ID.
    public let processIdentifier: pid_t
    private let logFile: URL
    private let exit: Locked<Exit?>
    private let supervisor: Task<Void, Never>

    /// How the server process ended (or failed to start).
    private enum Exit: Sendable {
        case status(TerminationStatus)
        case failed(String)
    }

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
        let logFile = FileManager.default.temporaryDirectory.appendingPathComponent("server-\(UUID().uuidString).log")
        self.logFile = logFile
        let log = open(logFile.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard log >= 0 else { throw ServerError(message: "cannot create the server log \(logFile.path): \(String(cString: strerror(errno)))") }

        var options = PlatformOptions()
        options.processGroupID = 0
        options.teardownSequence = [.send(signal: .terminate, toProcessGroup: true, allowedDurationToNextStep: Self.gracePeriod)]
        let configuration = Configuration(
            executable: .path(FilePath(executable)),
            arguments: Arguments(arguments(port)),
            environment: .inherit.updating(Dictionary(uniqueKeysWithValues: environment.compactMap { name, value in
                Environment.Key(rawValue: name).map { ($0, Optional(value)) }
            })),
            platformOptions: options
        )
        let exit = Locked<Exit?>(nil)
        self.exit = exit
        let started = AsyncStream<pid_t>.makeStream()
        supervisor = Task {
            do {
                let result = try await Subprocess.run(
                    configuration, input: .none, output: .fileDescriptor(FileDescriptor(rawValue: log), closeAfterSpawningProcess: true),
                    error: .combinedWithOutput
                ) { execution in
                    started.continuation.yield(execution.processIdentifier.value)
                }
                exit.withLock { $0 = .status(result.terminationStatus) }
            } catch {
                exit.withLock { $0 = .failed("\(error)") }
            }
            started.continuation.finish()
        }
        guard let pid = await started.stream.first(where: { _ in true }) else {
            let reason = exit.withLock { $0.map(Self.describe) } ?? "it did not start"
            throw ServerError(message: "cannot start \(executable): \(reason)")
        }
        processIdentifier = pid

        let clock = ContinuousClock()
        let deadline = clock.now + readyTimeout
        while clock.now < deadline {
            if !isRunning {
                await supervisor.value
                let reason = exit.withLock { $0.map(Self.describe) } ?? "it exited"
                throw ServerError(message: "\(executable) \(reason): \(self.log)")
            }
            if await ready(port) { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        stop()
        throw ServerError(message: "\(executable) did not become ready in \(readyTimeout): \(log)")
    }

    /// What the server printed so far (stdout and stderr).
    public var log: String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

    /// Whether the server process has not exited yet.
    public var isRunning: Bool {
        exit.withLock { $0 == nil } && !Self.hasExited(processIdentifier)
    }

    /// How long the server has to exit after SIGTERM before SIGKILL (a server with open
    /// keep-alive connections may take a while).
    static let gracePeriod: Duration = .seconds(5)

    /// Stops the server: SIGTERM to its process group, up to ``gracePeriod`` to exit, then
    /// SIGKILL. Synchronous, so that `defer { server.stop() }` works; it watches the process
    /// itself rather than waiting for a task, which could need the very threads that callers
    /// of `stop()` are blocking.
    public func stop() {
        guard isRunning else { return }
        kill(-processIdentifier, SIGTERM)
        if !waitForExit(within: Self.gracePeriod) {
            kill(-processIdentifier, SIGKILL)
            _ = waitForExit(within: Self.gracePeriod)
        }
    }

    deinit {
        stop()
        supervisor.cancel()
        try? FileManager.default.removeItem(at: logFile)
    }

    /// An error starting or reaching the server, with what it printed.
    public struct ServerError: Error, CustomStringConvertible {
        /// What went wrong, with the server's log when there is one.
        public var message: String
        /// The message.
        public var description: String { message }
    }

    /// True once `GET url` answers with any HTTP status.
    public static func answers(_ url: String) async -> Bool {
        guard let url = URL(string: url) else { return false }
        let request = HTTPRequest(method: "GET", url: url)
        return (try? await AsyncHTTPClientTransport.shared.execute(request, timeout: .seconds(2))) != nil
    }

    private func waitForExit(within limit: Duration) -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if !isRunning { return true }
            usleep(20_000)
        }
        return !isRunning
    }

    /// Whether `pid` has exited, without reaping it (swift-subprocess does that): `WNOWAIT`
    /// leaves the zombie in place, and `ECHILD` means it is already reaped.
    private static func hasExited(_ pid: pid_t) -> Bool {
        var info = siginfo_t()
        guard waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 else { return errno == ECHILD }
        return info.si_signo == SIGCHLD
    }

    private static func describe(_ exit: Exit) -> String {
        switch exit {
        case .status(.exited(let code)): "exited with status \(code)"
        case .status(.signaled(let signal)): "was killed by signal \(signal)"
        case .failed(let reason): "could not be started: \(reason)"
        }
    }
}

/// Free TCP ports on the loopback interface, for servers a test starts as child processes.
///
/// A port is chosen below the kernel's ephemeral range (`ip_local_port_range`) and never handed
/// out twice by this process: a port from `bind(0)` is an ephemeral one, which the many outgoing
/// connections of a parallel test run may take as their local port between our check and the
/// server's own bind ("Address already in use").
public enum FreePort {
    private static let issued = Locked<Set<Int>>([])

    /// A loopback port that is free now and was not handed out before.
    public static func allocate() throws -> Int {
        let ephemeralStart = ephemeralRangeStart()
        if ephemeralStart > 12_000 {
            for _ in 0..<200 {
                let candidate = Int.random(in: 10_000..<ephemeralStart)
                if issued.withLock({ $0.insert(candidate).inserted }), (try? probe(port: candidate)) != nil { return candidate }
            }
        }
        for _ in 0..<50 {
            let port = try probe(port: 0)
            if issued.withLock({ $0.insert(port).inserted }) { return port }
        }
        throw POSIXError(.EADDRINUSE)
    }

    /// The first port of the kernel's ephemeral range (32768 when it cannot be read).
    private static func ephemeralRangeStart() -> Int {
        let text = (try? String(contentsOfFile: "/proc/sys/net/ipv4/ip_local_port_range", encoding: .utf8)) ?? ""
        return text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).first.flatMap { Int($0) } ?? 32_768
    }

    /// Binds `port` (0: the kernel chooses) on 127.0.0.1, releases it, and returns the port bound.
    private static func probe(port: Int) throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
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
