/// A JSON object whose members keep the order in which they were written.
///
/// Kubernetes objects have a few dozen members at most, so a linear scan beats hashing here and
/// keeps the output stable.
public struct JSONObject: Sendable, Hashable, Sequence {
    /// One member of an object.
    public struct Member: Sendable, Hashable {
        /// The member's key.
        public var key: String
        /// The member's value.
        public var value: JSON
    }

    /// The members, in order.
    public private(set) var members: [Member]

    /// An empty object.
    public init() { members = [] }

    /// An object with these members, in this order (a later duplicate key replaces an earlier one).
    public init(_ pairs: [(String, JSON)]) {
        members = []
        members.reserveCapacity(pairs.count)
        for (key, value) in pairs { self[key] = value }
    }

    /// An object from members already known to have distinct keys.
    init(uniqueMembers: [Member]) { members = uniqueMembers }

    /// The value of a key; setting `nil` removes the member, setting a new key appends it.
    public subscript(key: String) -> JSON? {
        get {
            for member in members where member.key == key { return member.value }
            return nil
        }
        set {
            if let index = members.firstIndex(where: { $0.key == key }) {
                if let newValue { members[index].value = newValue } else { members.remove(at: index) }
            } else if let newValue {
                members.append(Member(key: key, value: newValue))
            }
        }
    }

    /// The keys, in order.
    public var keys: [String] { members.map(\.key) }

    /// The number of members.
    public var count: Int { members.count }

    /// Whether the object has no members.
    public var isEmpty: Bool { members.isEmpty }

    /// Iterates `(key, value)` pairs in order.
    public func makeIterator() -> AnyIterator<(key: String, value: JSON)> {
        var iterator = members.makeIterator()
        return AnyIterator { iterator.next().map { (key: $0.key, value: $0.value) } }
    }

    /// Removes every member whose key matches.
    public mutating func removeAll(where predicate: (String) -> Bool) {
        members.removeAll { predicate($0.key) }
    }

    /// The members that satisfy a predicate, in order.
    public func filteringMembers(_ isIncluded: (_ key: String, _ value: JSON) -> Bool) -> JSONObject {
        JSONObject(uniqueMembers: members.filter { isIncluded($0.key, $0.value) })
    }

    /// Equality that ignores member order, as JSON semantics demand.
    public func semanticallyEquals(_ other: JSONObject) -> Bool {
        guard members.count == other.members.count else { return false }
        for member in members {
            guard let theirs = other[member.key], member.value.semanticallyEquals(theirs) else { return false }
        }
        return true
    }
}

extension JSON {
    /// Equality that ignores object member order and compares numbers by value.
    public func semanticallyEquals(_ other: JSON) -> Bool {
        switch (self, other) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b || (Double(a) != nil && Double(a) == Double(b))
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.semanticallyEquals($1) }
        case (.object(let a), .object(let b)): return a.semanticallyEquals(b)
        default: return false
        }
    }
}

extension JSON {
    /// The value with `null` object members removed (recursively): how a typed decoder sees it,
    /// where `null` and absent are the same.
    public var droppingNulls: JSON {
        switch self {
        case .object(let object):
            return .object(JSONObject(uniqueMembers: object.members.compactMap { member in
                member.value.isNull ? nil : JSONObject.Member(key: member.key, value: member.value.droppingNulls)
            }))
        case .array(let items):
            return .array(items.map(\.droppingNulls))
        default:
            return self
        }
    }
}
