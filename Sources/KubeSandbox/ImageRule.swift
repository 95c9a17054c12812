/// Makes the kubelet stand-in fail containers whose image matches a pattern.
public struct ImageRule: Sendable, Equatable {
    /// What happens to a matching container.
    public enum Behaviour: String, Sendable, Equatable, CaseIterable {
        /// `ErrImagePull`, then `ImagePullBackOff`, alternating; the pod stays Pending.
        case pullFailure
        /// Starts, exits with code 1, and waits in `CrashLoopBackOff` with a growing restart count.
        case crashLoop
        /// Runs but never becomes Ready (a failing readiness probe).
        case neverReady
    }

    /// A glob over the image reference: `*` matches any run of characters, `?` one character
    /// (`"*:broken"`, `"*crash*"`, `"registry.example/app:2"`).
    public var pattern: String
    /// What happens to matching containers.
    public var behaviour: Behaviour

    /// Creates a rule.
    public init(pattern: String, behaviour: Behaviour) {
        self.pattern = pattern
        self.behaviour = behaviour
    }

    /// Whether an image reference matches the pattern.
    public func matches(_ image: String) -> Bool {
        Self.glob(Array(pattern), Array(image))
    }

    private static func glob(_ pattern: [Character], _ text: [Character]) -> Bool {
        var p = 0, t = 0, star = -1, mark = 0
        while t < text.count {
            if p < pattern.count, pattern[p] == "?" || pattern[p] == text[t] {
                p += 1
                t += 1
            } else if p < pattern.count, pattern[p] == "*" {
                star = p
                mark = t
                p += 1
            } else if star >= 0 {
                p = star + 1
                mark += 1
                t = mark
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}
