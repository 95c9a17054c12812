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
            return .object(
                JSONObject(
                    uniqueMembers: object.members.compactMap { member in
                        member.value.isNull ? nil : JSONObject.Member(key: member.key, value: member.value.droppingNulls)
                    }))
        case .array(let items):
            return .array(items.map(\.droppingNulls))
        default:
            return self
        }
    }
}
