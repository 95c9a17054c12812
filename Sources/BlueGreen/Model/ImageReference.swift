/// A container image reference, `[registry/]repository[:tag][@digest]`, parsed the way Docker
/// and containerd normalise it.
public struct ImageReference: Sendable, Hashable, CustomStringConvertible {
    /// The registry host (with port), e.g. `123456789012.dkr.ecr.eu-west-1.amazonaws.com`;
    /// `docker.io` when the reference names none.
    public var registry: String
    /// The repository path inside the registry, e.g. `web` or `library/nginx`.
    public var repository: String
    public var tag: String?
    /// `sha256:<hex>` when the reference pins a digest.
    public var digest: String?

    public init(registry: String, repository: String, tag: String? = nil, digest: String? = nil) {
        self.registry = registry
        self.repository = repository
        self.tag = tag
        self.digest = digest
    }

    /// Parses a reference.
    /// - Throws: ``InputError`` naming what is wrong.
    public init(parsing text: String) throws(InputError) {
        var rest = Substring(text)
        guard !rest.isEmpty, !rest.contains(" ") else {
            throw InputError("the image reference '\(text)' is empty or contains spaces")
        }
        var digest: String?
        if let at = rest.firstIndex(of: "@") {
            let value = String(rest[rest.index(after: at)...])
            guard Self.isDigest(value) else {
                throw InputError("the image reference '\(text)' has a malformed digest '\(value)' (expected sha256:<64 hex characters>)")
            }
            digest = value
            rest = rest[..<at]
        }
        var tag: String?
        if let colon = rest.lastIndex(of: ":"), !rest[colon...].contains("/") {
            let value = String(rest[rest.index(after: colon)...])
            guard Self.isTag(value) else {
                throw InputError("the image reference '\(text)' has an invalid tag '\(value)' (letters, digits, '_', '.', '-'; at most 128)")
            }
            tag = value
            rest = rest[..<colon]
        }
        var components = rest.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        var registry = "docker.io"
        if components.count > 1, let first = components.first, first.contains(".") || first.contains(":") || first == "localhost" {
            registry = first
            components.removeFirst()
        }
        if registry == "docker.io", components.count == 1 { components.insert("library", at: 0) }
        guard !components.isEmpty, components.allSatisfy(Self.isPathComponent) else {
            throw InputError(
                "the image reference '\(text)' has an invalid repository path: use lower-case letters, digits and '.', '_', '-' separators"
            )
        }
        self.init(registry: registry, repository: components.joined(separator: "/"), tag: tag, digest: digest)
    }

    /// The reference without tag or digest, as written for the registry (`docker.io` images
    /// keep their short form so that they read as users wrote them).
    public var name: String {
        if registry == "docker.io" {
            let path = repository.hasPrefix("library/") ? String(repository.dropFirst("library/".count)) : repository
            return path
        }
        return "\(registry)/\(repository)"
    }

    /// The full reference: `name[:tag][@digest]`.
    public var description: String {
        var text = name
        if let tag { text += ":\(tag)" }
        if let digest { text += "@\(digest)" }
        return text
    }

    /// The same image with another tag (and no digest).
    public func with(tag: String) -> ImageReference { ImageReference(registry: registry, repository: repository, tag: tag) }

    /// The same image pinned to a digest (the tag is dropped: a digest says it all).
    public func pinned(to digest: String) -> ImageReference { ImageReference(registry: registry, repository: repository, digest: digest) }

    /// What to ask the registry for: the digest when pinned, else the tag (default `latest`).
    public var manifestReference: String { digest ?? tag ?? "latest" }

    /// The host that serves the registry API (Docker Hub's API lives elsewhere than its name).
    public var apiHost: String { registry == "docker.io" ? "registry-1.docker.io" : registry }

    /// The account and region of an Amazon ECR registry (`<account>.dkr.ecr[-fips].<region>.amazonaws.com[.cn]`).
    public var ecrRegistry: (accountID: String, region: String)? {
        let parts = registry.split(separator: ".").map(String.init)
        guard parts.count >= 6, parts[1] == "dkr", parts[2].hasPrefix("ecr"), parts[4] == "amazonaws",
            parts[0].count == 12, parts[0].allSatisfy(\.isNumber)
        else { return nil }
        return (parts[0], parts[3])
    }

    static func isDigest(_ value: String) -> Bool {
        guard value.hasPrefix("sha256:") else { return false }
        let hex = value.dropFirst(7)
        return hex.count == 64 && hex.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    static func isTag(_ value: String) -> Bool {
        guard (1...128).contains(value.count), let first = value.first, first.isLetter || first.isNumber || first == "_" else { return false }
        return value.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "_" || $0 == "." || $0 == "-" }
    }

    static func isPathComponent(_ value: String) -> Bool {
        guard let first = value.first, let last = value.last, first.isASCII, last.isASCII,
            first.isLowercase || first.isNumber, last.isLowercase || last.isNumber
        else { return false }
        return value.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "." || $0 == "_" || $0 == "-" }
    }
}
