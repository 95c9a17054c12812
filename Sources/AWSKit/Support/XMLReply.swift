import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// A parsed XML reply (the query protocol's), read by paths of local element names so that the
/// namespace AWS declares does not matter.
struct XMLReply {
    private let root: XMLElement

    init(_ data: Data) throws {
        let document = try XMLDocument(data: data, options: [])
        guard let root = document.rootElement() else {
            throw AWSClientError(.invalidResponse, "the reply is XML without a root element")
        }
        self.root = root
    }

    /// The text of the first element at `path` below the root, searching descendants for the
    /// first step (replies wrap results in `<OperationResult>`).
    func text(at path: [String]) -> String? {
        element(at: path)?.stringValue
    }

    /// Whether the root element has this local name.
    func rootIs(_ name: String) -> Bool { root.localName == name }

    func element(at path: [String]) -> XMLElement? {
        guard let first = path.first, let start = Self.descendant(of: root, named: first) else { return nil }
        var current = start
        for name in path.dropFirst() {
            guard let next = current.children?.first(where: { $0.localName == name }) as? XMLElement else { return nil }
            current = next
        }
        return current
    }

    private static func descendant(of element: XMLElement, named name: String) -> XMLElement? {
        if element.localName == name { return element }
        for case let child as XMLElement in element.children ?? [] {
            if let found = descendant(of: child, named: name) { return found }
        }
        return nil
    }
}
