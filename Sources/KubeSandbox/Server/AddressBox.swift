import Synchronization

/// The `host:port` the server listens on, known only once it is bound.
final class AddressBox: Sendable {
    private let value = Mutex("")
    func set(_ address: String) { value.withLock { $0 = address } }
    var address: String { value.withLock { $0 } }
}
