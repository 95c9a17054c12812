import Synchronization

/// The recent requests (bounded) and the running counters.
final class RequestLog: Sendable {
    private struct State {
        var records: [RequestRecord] = []
        var counters = SandboxCounters()
    }

    private let state = Mutex(State())
    let limit: Int

    init(limit: Int) { self.limit = max(1, limit) }

    func record(_ record: RequestRecord) {
        state.withLock { state in
            state.records.append(record)
            if state.records.count > limit { state.records.removeFirst(state.records.count - limit) }
            state.counters.total += 1
            state.counters.byStatus[record.status, default: 0] += 1
            state.counters.byVerb[record.verb, default: 0] += 1
            state.counters.byRoute["\(record.method) \(record.path)", default: 0] += 1
            if record.fault != nil { state.counters.faultsInjected += 1 }
        }
    }

    var records: [RequestRecord] { state.withLock { $0.records } }
    var counters: SandboxCounters { state.withLock { $0.counters } }

    func reset() { state.withLock { $0 = State() } }
}
