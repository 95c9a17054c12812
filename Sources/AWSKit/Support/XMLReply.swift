import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// A parsed XML reply (the query protocol's), read by paths of local element names so that the
/// namespace AWS declares does not matter.
///
/// Parsed with the streaming `XMLParser` into a small tree of its own, not with `XMLDocument`:
/// FoundationXML's `XMLDocument` dereferences a null node on some malformed input (an HTML error
/// page from a proxy, `</head><body>…`, found by FuzzAWSErrors) and crashes the process.
struct XMLReply {
    private let root: Node

    init(_ data: Data) throws {
        let builder = TreeBuilder()
        let parser = XMLParser(data: data)
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            throw AWSClientError(.invalidResponse, "the reply is not well-formed XML")
        }
        self.root = root
    }

    /// The text of the first element at `path` below the root, searching descendants for the
    /// first step (replies wrap results in `<OperationResult>`).
    func text(at path: [String]) -> String? {
        element(at: path)?.text
    }

    /// Whether the root element has this local name.
    func rootIs(_ name: String) -> Bool { root.name == name }

    func element(at path: [String]) -> Node? {
        guard let first = path.first, let start = Self.descendant(of: root, named: first) else { return nil }
        var current = start
        for name in path.dropFirst() {
            guard let next = current.children.first(where: { $0.name == name }) else { return nil }
            current = next
        }
        return current
    }

    private static func descendant(of node: Node, named name: String) -> Node? {
        if node.name == name { return node }
        for child in node.children {
            if let found = descendant(of: child, named: name) { return found }
        }
        return nil
    }
}
