import Foundation

/// Bytes to feed to swift-crypto's `HMAC.update(data:)` without its generic overhead.
///
/// `update(data:)` is generic over `DataProtocol` and not specialised across the module
/// boundary, so it walks `data.regions` through the runtime's generic machinery: with an
/// `UnsafeRawBufferPointer` that instantiates `CollectionOfOne`, its iterator and their
/// optionals on every call, which cost about as much as the HMAC itself (perf: 7.7% of a
/// signature). This type is its own single region and its own slice, and its region list and
/// iterator are concrete types, so the walk needs no generic metadata but the one `Optional`.
///
/// It only borrows `bytes`: use it within the scope that owns them.
struct HMACInput: DataProtocol, ContiguousBytes {
    typealias Element = UInt8
    typealias Index = Int
    typealias SubSequence = HMACInput
    typealias Indices = Range<Int>

    let bytes: UnsafeRawBufferPointer

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var startIndex: Int { 0 }
    var endIndex: Int { bytes.count }
    var indices: Range<Int> { 0..<bytes.count }
    subscript(position: Int) -> UInt8 { bytes[position] }
    subscript(bounds: Range<Int>) -> HMACInput { HMACInput(UnsafeRawBufferPointer(rebasing: bytes[bounds])) }
    func index(after index: Int) -> Int { index + 1 }
    func index(before index: Int) -> Int { index - 1 }

    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R { try body(bytes) }

    var regions: Regions { Regions(only: self) }

    /// The one region of an ``HMACInput``.
    struct Regions: BidirectionalCollection {
        typealias Index = Int
        typealias Indices = Range<Int>
        let only: HMACInput

        var startIndex: Int { 0 }
        var endIndex: Int { 1 }
        var indices: Range<Int> { 0..<1 }
        subscript(position: Int) -> HMACInput { only }
        func index(after index: Int) -> Int { index + 1 }
        func index(before index: Int) -> Int { index - 1 }
        func makeIterator() -> Iterator { Iterator(only: only) }

        /// Yields the one region, then `nil`.
        struct Iterator: IteratorProtocol {
            var only: HMACInput?
            mutating func next() -> HMACInput? {
                defer { only = nil }
                return only
            }
        }
    }
}
