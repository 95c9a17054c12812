import Foundation
import KubeSandbox

/// What the fault-tolerance runs did, counted for the printed report.
struct FaultTally: Sendable {
    /// The three pipelines.
    enum Pipeline: String, Sendable, CaseIterable {
        case deploy, route, purge
    }

    var runs: [Pipeline: Int] = [:]
    var succeeded: [Pipeline: Int] = [:]
    /// Failed with a typed failure: pipeline → exit code → count.
    var failedCleanly: [Pipeline: [Int32: Int]] = [:]
    /// Faults the sandbox injected, by the kind its request log names.
    var faults: [String: Int] = [:]
    /// Requests answered while faults were on (each one delayed by the configured latency).
    var delayedRequests = 0
    /// Runs after which a Lease was left behind (not renewed, so expiring by itself).
    var leasesLeftToExpire = 0
    /// Failed new Deployments left behind because their removal failed (purged later).
    var failedDeploymentsLeft = 0
    /// Deploys that switched the Service but reported `unchanged` (the switch's answer was lost).
    var switchedButReportedUnchanged = 0
    var violations: [String] = []

    var totalRuns: Int { runs.values.reduce(0, +) }
    var totalFaults: Int { faults.values.reduce(0, +) }

    mutating func record(faultsFrom log: [RequestRecord]) {
        for record in log {
            delayedRequests += 1
            if let fault = record.fault { faults[fault, default: 0] += 1 }
        }
    }

    /// The report printed at the end of the suite.
    func report(seed: UInt64, elapsed: Duration) -> String {
        var lines = ["fault-tolerance: \(totalRuns) runs in \(elapsed.components.seconds)s, base seed \(seed) (replay: BLUEGREEN_FAULT_SEED=\(seed))"]
        for pipeline in Pipeline.allCases {
            let failures = failedCleanly[pipeline, default: [:]].sorted { $0.key < $1.key }.map { "exit \($0.key): \($0.value)" }.joined(separator: ", ")
            lines.append(
                "  \(pipeline.rawValue): \(runs[pipeline, default: 0]) runs, \(succeeded[pipeline, default: 0]) succeeded, "
                    + "\(failedCleanly[pipeline, default: [:]].values.reduce(0, +)) failed cleanly\(failures.isEmpty ? "" : " (\(failures))")")
        }
        let kinds = faults.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
        lines.append("  faults injected (as the sandbox counted them): \(totalFaults) (\(kinds)); \(delayedRequests) requests delayed")
        lines.append("  leases left to expire: \(leasesLeftToExpire); failed Deployments left after a failed removal: \(failedDeploymentsLeft); switches reported as unchanged: \(switchedButReportedUnchanged)")
        lines.append("  invariant violations: \(violations.count)")
        lines += violations.map { "    \($0)" }
        return lines.joined(separator: "\n")
    }
}
