/// A value that must never be printed: keys, session tokens, bearer tokens, passwords.
///
/// Its `description`, `debugDescription` and mirror all show `<redacted>`, so string
/// interpolation, `print`, `dump` and logging cannot leak it by accident. Read ``value`` only at
/// the point where the secret is put on the wire.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public let value: String

    public init(_ value: String) { self.value = value }

    public var isEmpty: Bool { value.isEmpty }
    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
