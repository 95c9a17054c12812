import Foundation

/// Name/value pairs (query parameters, headers) whose bytes sit in a scratch buffer, recorded as
/// offsets into it, in a list that lives in a buffer the caller allocated (on the stack) with
/// room for every pair it will add. Sorting and grouping compare bytes, not `String`s: this runs
/// for every pair of every signature.
struct ByteRangeList {
    /// One pair: the name is `start..<middle`, the value `middle..<end`.
    struct Entry {
        var start: Int
        var middle: Int
        var end: Int
    }

    private let storage: UnsafeMutableBufferPointer<Entry>
    /// How many pairs are recorded.
    private(set) var count = 0

    /// A list with room for `storage.count` pairs.
    init(_ storage: UnsafeMutableBufferPointer<Entry>) { self.storage = storage }

    subscript(index: Int) -> Entry {
        precondition(index < count, "ByteRangeList: index out of range")
        return storage[index]
    }

    mutating func append(_ entry: Entry) {
        precondition(count < storage.count, "ByteRangeList: more pairs than room was made for")
        storage[count] = entry
        count += 1
    }

    /// Keeps the pairs for which `isIncluded` is true, in order.
    mutating func removeAll(where isExcluded: (Entry) -> Bool) {
        var kept = 0
        for index in 0..<count where !isExcluded(storage[index]) {
            storage[kept] = storage[index]
            kept += 1
        }
        count = kept
    }

    /// Sorts the pairs in place, stably (insertion sort: a few pairs, often nearly sorted).
    mutating func sort(by areInIncreasingOrder: (Entry, Entry) -> Bool) {
        guard count > 1 else { return }
        for index in 1..<count {
            let item = storage[index]
            var position = index
            while position > 0 && areInIncreasingOrder(item, storage[position - 1]) {
                storage[position] = storage[position - 1]
                position -= 1
            }
            storage[position] = item
        }
    }

    /// Byte order of `base[a]` and `base[b]`: negative, zero or positive. (`memcmp` on the
    /// common length: names and keys often share long prefixes such as `x-amz-`.)
    static func compare(_ base: UnsafeBufferPointer<UInt8>, _ a: Range<Int>, _ b: Range<Int>) -> Int {
        let common = min(a.count, b.count)
        if common > 0, let start = base.baseAddress {
            let order = memcmp(start + a.lowerBound, start + b.lowerBound, common)
            if order != 0 { return Int(order) }
        }
        return a.count - b.count
    }
}
