extension XMLReply {
    /// One element: its local name (without a namespace prefix), its child elements, and all the
    /// text inside it, its descendants' included (what `XMLNode.stringValue` gives).
    final class Node {
        let name: String
        var children: [Node] = []
        var text = ""

        init(name: String) { self.name = name }
    }
}
