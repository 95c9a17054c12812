import Foundation

/// The switch history the engine keeps in the Service's annotations, so that a rollback needs no
/// state outside the cluster.
///
/// Annotations: `bluegreen.dev/active-version`, `bluegreen.dev/previous-version`,
/// `bluegreen.dev/switched-at`, `bluegreen.dev/switched-by`, and `bluegreen.dev/history`, a JSON
/// array of the last ``limit`` switches, newest first.
public struct SwitchHistory: Sendable, Equatable {
    public static let activeKey = "bluegreen.dev/active-version"
    public static let previousKey = "bluegreen.dev/previous-version"
    public static let switchedAtKey = "bluegreen.dev/switched-at"
    public static let switchedByKey = "bluegreen.dev/switched-by"
    public static let historyKey = "bluegreen.dev/history"
    public static let limit = 20

    /// One switch of the Service.
    public struct Entry: Sendable, Equatable, Codable {
        public var from: String?
        public var to: String
        public var at: Date
        public var by: String

        public init(from: String?, to: String, at: Date, by: String) {
            self.from = from
            self.to = to
            self.at = at
            self.by = by
        }

        /// Whether this entry, read back from the Service, is `sent`: the same switch by the same
        /// actor at the same moment (the annotation keeps whole seconds). This is how a pipeline
        /// recognises its own switch when the answer to it was lost.
        public func records(_ sent: Entry) -> Bool {
            to == sent.to && from == sent.from && by == sent.by && abs(at.timeIntervalSince(sent.at)) < 1
        }
    }

    /// Newest first.
    public var entries: [Entry]

    public init(entries: [Entry] = []) { self.entries = entries }

    /// The version that was active before the current one.
    public var previousVersion: String? { entries.first?.from }

    /// Reads the history from a Service's annotations; unreadable history is treated as empty
    /// (it is advisory: the selector is the truth about what is active).
    public init(annotations: [String: String]) {
        guard let text = annotations[Self.historyKey], let data = text.data(using: .utf8),
            let entries = try? Self.decoder.decode([Entry].self, from: data)
        else {
            // Fall back to the single previous-version annotation if that is all there is.
            if let previous = annotations[Self.previousKey], let active = annotations[Self.activeKey] {
                self.entries = [Entry(from: previous, to: active, at: Date(timeIntervalSince1970: 0), by: "unknown")]
            } else {
                self.entries = []
            }
            return
        }
        self.entries = entries
    }

    /// The history with one more switch recorded.
    public func recording(_ entry: Entry) -> SwitchHistory {
        SwitchHistory(entries: Array(([entry] + entries).prefix(Self.limit)))
    }

    /// The annotations to write for this history.
    public var annotations: [String: String] {
        guard let latest = entries.first else { return [:] }
        var result: [String: String] = [
            Self.activeKey: latest.to,
            Self.switchedAtKey: Self.timestamp(latest.at),
            Self.switchedByKey: latest.by,
            Self.historyKey: String(decoding: (try? Self.encoder.encode(entries)) ?? Data("[]".utf8), as: UTF8.self),
        ]
        if let from = latest.from { result[Self.previousKey] = from }
        return result
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}
