import Foundation
import Synchronization

/// Writes progress to stderr and results to stdout, as the CLI contract says.
///
/// On a terminal, progress that updates (a rollout's "2/3 ready") rewrites one line; elsewhere
/// (CI logs) each update is a line of its own, printed only when it changes.
public final class Reporter: Sendable {
    public let format: OutputOptions.Format
    public let verbose: Bool
    private let isTerminal: Bool
    private let state = Mutex(State())

    private struct State {
        var liveLine: String?
        var lastUpdate: String?
    }

    public init(format: OutputOptions.Format, verbose: Bool, isTerminal: Bool = isatty(STDERR_FILENO) == 1) {
        self.format = format
        self.verbose = verbose
        self.isTerminal = isTerminal
    }

    /// A step of progress ("took the lock web-bluegreen").
    public func step(_ message: String) {
        state.withLock { state in
            clearLive(&state)
            write(FileHandle.standardError, "\(message)\n")
            state.lastUpdate = nil
        }
    }

    /// Detail shown only with --verbose.
    public func detail(_ message: String) {
        guard verbose else { return }
        step(message)
    }

    /// A progress update that replaces the previous one ("web-42: 2/3 ready").
    public func update(_ message: String) {
        state.withLock { state in
            guard state.lastUpdate != message else { return }
            state.lastUpdate = message
            if isTerminal {
                write(FileHandle.standardError, "\r\u{1B}[2K\(message)")
                state.liveLine = message
            } else {
                write(FileHandle.standardError, "\(message)\n")
            }
        }
    }

    /// A warning on stderr.
    public func warning(_ message: String) {
        step("warning: \(message)")
    }

    /// The result: text lines or one JSON document on stdout.
    public func result(text: String, json: some Encodable) {
        state.withLock { clearLive(&$0) }
        switch format {
        case .text:
            if !text.isEmpty { write(FileHandle.standardOutput, text.hasSuffix("\n") ? text : text + "\n") }
        case .json:
            write(FileHandle.standardOutput, Self.encode(json) + "\n")
        }
    }

    /// A failure: the message on stderr, and with `-o json` also `{"error": …}` on stdout.
    public func failure(_ message: String, kind: String, exitCode: Int32, details: [String] = []) {
        state.withLock { clearLive(&$0) }
        var text = "error: \(message)\n"
        for detail in details { text += "  \(detail)\n" }
        write(FileHandle.standardError, text)
        if format == .json {
            write(FileHandle.standardOutput, Self.encode(ErrorDocument(error: .init(kind: kind, message: message, exitCode: exitCode, details: details))) + "\n")
        }
    }

    private struct ErrorDocument: Encodable {
        struct Body: Encodable {
            var kind: String
            var message: String
            var exitCode: Int32
            var details: [String]
        }
        var error: Body
    }

    private func clearLive(_ state: inout State) {
        if state.liveLine != nil {
            write(FileHandle.standardError, "\n")
            state.liveLine = nil
        }
    }

    private func write(_ handle: FileHandle, _ text: String) {
        handle.write(Data(text.utf8))
    }

    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
