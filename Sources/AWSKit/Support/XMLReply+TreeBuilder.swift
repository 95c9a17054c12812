import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

extension XMLReply {
    /// Builds the element tree from `XMLParser`'s events.
    final class TreeBuilder: NSObject, XMLParserDelegate {
        private(set) var root: Node?
        private var open: [Node] = []

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            let local = elementName.split(separator: ":").last.map(String.init) ?? elementName
            let node = Node(name: local)
            if let parent = open.last {
                parent.children.append(node)
            } else if root == nil {
                root = node
            }
            open.append(node)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            _ = open.popLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            for node in open { node.text += string }
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            let string = String(decoding: CDATABlock, as: UTF8.self)
            for node in open { node.text += string }
        }
    }
}
