import Foundation
@testable import SDKCore
import Testing

/// Large inputs and outputs, and the in-memory file that carries standard input.
struct ProcessRunnerStreamTests {
    let runner = ProcessRunner()

    /// Several megabytes on stdout and stderr at once are captured completely, with no deadlock
    /// when the child fills one pipe while we read the other.
    @Test func capturesLargeOutputsCompletely() async throws {
        let outcome = try await runner.run(.shell("seq 1 300000 >&2; seq 1 1000000; seq 300001 400000 >&2"), timeout: .seconds(60))
        let expectedOutput = (1...1_000_000).map { "\($0)\n" }.joined()
        let expectedErrors = (1...400_000).map { "\($0)\n" }.joined()
        #expect(outcome.succeeded)
        #expect(outcome.standardOutput.count == expectedOutput.utf8.count)
        #expect(outcome.standardOutputText == expectedOutput)
        #expect(outcome.standardErrorText == expectedErrors)
    }

    /// Several megabytes of standard input reach the child intact.
    @Test func feedsLargeInput() async throws {
        let input = (0..<5_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }
        let outcome = try await runner.run(.init("cat", standardInput: input), timeout: .seconds(60))
        #expect(outcome.succeeded)
        #expect(outcome.standardOutput.count == input.count)
        #expect(outcome.standardOutput == input)
    }

    /// A child that exits without reading its (large) input neither hangs the run nor kills this
    /// process with SIGPIPE.
    @Test func childMayIgnoreItsInput() async throws {
        let input = [UInt8](repeating: 0x61, count: 4_000_000)
        let outcome = try await runner.run(.init("/bin/sh", arguments: ["-c", "exit 7"], standardInput: input), timeout: .seconds(30))
        #expect(outcome.exitCode == 7)
        #expect(!outcome.timedOut)
        let partial = try await runner.run(.init("head", arguments: ["-c", "5"], standardInput: input), timeout: .seconds(30))
        #expect(partial.standardOutputText == "aaaaa")
    }

    /// Standard input is an anonymous in-memory file (nothing on disk), positioned at its start.
    @Test func standardInputLivesInMemory() throws {
        let bytes = Array("secret input\n".utf8)
        let fd = try StandardInputFile.descriptor(holding: bytes)
        defer { close(fd) }
        let target = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(fd)")
        #expect(target.hasPrefix("/memfd:"), "\(target)")
        #expect(Self.readAll(fd) == bytes)
        #expect(fcntl(fd, F_GETFD) & FD_CLOEXEC != 0)
    }

    /// Without memfd the input goes to a file that is already unlinked, still read from its start.
    @Test func standardInputFallbackIsUnlinked() throws {
        let bytes = (0..<200_000).map { UInt8(truncatingIfNeeded: $0) }
        let fd = try StandardInputFile.descriptor(holding: bytes, inMemory: false)
        defer { close(fd) }
        let target = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(fd)")
        #expect(target.hasSuffix("(deleted)"), "\(target)")
        #expect(Self.readAll(fd) == bytes)
        #expect(fcntl(fd, F_GETFD) & FD_CLOEXEC != 0)
    }

    static func readAll(_ fd: CInt) -> [UInt8] {
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            result += buffer[0..<count]
        }
        return result
    }
}
