import Foundation

/// Name/value pairs (query parameters, headers) whose bytes sit in a scratch buffer, recorded as
/// offsets into it, in a list that lives in a buffer the caller allocated (on the stack) with
/// room for every pair it will add. Sorting and grouping compare bytes, not `String`s: this runs
/// for every pair of every signature.
struct ByteRangeList {
    /// One pair: the name is `start..<middle`; the value follows it (its exact bounds are the
    /// owner's convention) and the pair ends at `end`.
    struct Entry {
        var start: Int
        var middle: Int
        var end: Int
        /// The name's first 8 bytes as a big-endian integer, zero-padded: integers compare as
        /// the bytes do, so most comparisons of two names are one integer comparison.
        var prefix: UInt64

        init(start: Int, middle: Int, end: Int, in base: UnsafeMutableBufferPointer<UInt8>) {
            self.start = start
            self.middle = middle
            self.end = end
            var prefix: UInt64 = 0
            let length = min(middle - start, 8)
            for index in 0..<length { prefix |= UInt64(base[start + index]) << (56 - 8 * UInt64(index)) }
            self.prefix = prefix
        }
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

    /// Byte order of the names of `a` and `b`: negative, zero or positive. Equal prefixes
    /// (the same name, a shared 8-byte start, or a name that is another's start padded with
    /// NUL bytes) fall back to comparing the bytes.
    @inline(__always)
    static func compareNames(_ base: UnsafeBufferPointer<UInt8>, _ a: Entry, _ b: Entry) -> Int {
        if a.prefix != b.prefix { return a.prefix < b.prefix ? -1 : 1 }
        return compare(base, a.start..<a.middle, b.start..<b.middle)
    }

    /// Byte order of `base[a]` and `base[b]`: negative, zero or positive. Names and keys are
    /// short and usually differ within a few bytes, so a loop beats a call to `memcmp`; past
    /// 16 common bytes (long shared prefixes) `memcmp` takes over.
    static func compare(_ base: UnsafeBufferPointer<UInt8>, _ a: Range<Int>, _ b: Range<Int>) -> Int {
        let common = min(a.count, b.count)
        guard common > 0, let start = base.baseAddress else { return a.count - b.count }
        let left = start + a.lowerBound
        let right = start + b.lowerBound
        let quick = min(common, 16)
        for index in 0..<quick where left[index] != right[index] {
            return Int(left[index]) - Int(right[index])
        }
        if common > quick {
            let order = memcmp(left + quick, right + quick, common - quick)
            if order != 0 { return Int(order) }
        }
        return a.count - b.count
    }
}
