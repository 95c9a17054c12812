/// An ordered list of HTTP header fields that may hold several values for one name.
///
/// Names compare case-insensitively, as HTTP requires; the original spelling and order are kept
/// because a request signer needs to see exactly what will go on the wire.
public struct HTTPHeaderFields: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    public typealias Element = (name: String, value: String)

    private var storage: [Field]

    fileprivate struct Field: Sendable, Hashable {
        var name: String
        var value: String
    }

    public init() { self.storage = [] }

    public init(_ fields: [(String, String)]) {
        self.storage = fields.map { Field(name: $0.0, value: $0.1) }
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements)
    }

    /// Appends a field, keeping any existing fields of the same name.
    public mutating func add(name: String, value: String) {
        storage.append(Field(name: name, value: value))
    }

    /// Replaces every field of this name with a single one.
    public mutating func replaceOrAdd(name: String, value: String) {
        remove(name: name)
        add(name: name, value: value)
    }

    /// Removes every field of this name.
    public mutating func remove(name: String) {
        storage.removeAll { $0.name.caseInsensitiveEquals(name) }
    }

    /// Every value of a field, in order.
    public func values(for name: String) -> [String] {
        storage.filter { $0.name.caseInsensitiveEquals(name) }.map(\.value)
    }

    /// The first value of a field.
    public subscript(name: String) -> String? {
        storage.first { $0.name.caseInsensitiveEquals(name) }?.value
    }

    public func contains(_ name: String) -> Bool {
        storage.contains { $0.name.caseInsensitiveEquals(name) }
    }

    public var count: Int { storage.count }
    /// The number of fields (so that `map` and `Array(_:)` allocate once).
    public var underestimatedCount: Int { storage.count }
    public var isEmpty: Bool { storage.isEmpty }

    /// Reserves room for `count` fields, so that adding them one by one does not reallocate.
    public mutating func reserveCapacity(_ count: Int) {
        storage.reserveCapacity(count)
    }

    /// Iterates over the fields in order. (A concrete iterator rather than an `AnyIterator`:
    /// request signing walks the headers on every request, and a type-erased iterator costs an
    /// allocation and an indirect call per field.)
    public struct Iterator: IteratorProtocol {
        private var base: IndexingIterator<[Field]>

        fileprivate init(_ storage: [Field]) { base = storage.makeIterator() }

        /// The next field, or `nil` after the last one.
        public mutating func next() -> Element? {
            base.next().map { (name: $0.name, value: $0.value) }
        }
    }

    /// An iterator over the fields in order.
    public func makeIterator() -> Iterator { Iterator(storage) }
}

extension String {
    @inlinable
    func caseInsensitiveEquals(_ other: String) -> Bool {
        self.utf8.count == other.utf8.count && self.lowercased() == other.lowercased()
    }
}
