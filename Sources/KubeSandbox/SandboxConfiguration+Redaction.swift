extension SandboxConfiguration: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// A summary that never shows the bearer token.
    public var description: String {
        "SandboxConfiguration(host: \(host), port: \(port), tls: \(tls), bearerToken: \(bearerToken == nil ? "nil" : "<redacted>"), "
            + "nodes: \(nodes.count), readyAfter: \(readyAfter), imageRules: \(imageRules.count), faults: \(faults.isActive ? "on" : "off"))"
    }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// A mirror without the bearer token, so that `dump` cannot print it.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "host": host, "port": port, "tls": tls, "bearerToken": bearerToken == nil ? "nil" : "<redacted>", "nodes": nodes,
                "readyAfter": readyAfter, "imageRules": imageRules, "faults": faults,
            ], displayStyle: .struct)
    }
}
