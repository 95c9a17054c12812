import BlueGreen
import Foundation
import SDKCore

/// The versions table of `bluegreen-route`: one row per version, newest first, the active one
/// marked.
public enum VersionTable {
    public static func render(_ listing: VersionListing) -> String {
        guard !listing.versions.isEmpty else { return "no version of \(listing.app) is on the cluster" }
        var rows = [["VERSION", "IMAGE", "READY", "AGE", "STATUS"]]
        for version in listing.versions {
            rows.append([
                version.version,
                version.image,
                "\(version.ready)/\(version.desired)",
                DurationFormat.format(.seconds(version.ageSeconds)),
                version.active ? "active" : (version.routable ? (version.version == listing.previous ? "previous" : "") : "not ready"),
            ])
        }
        let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            zip(row, widths).map { cell, width in cell.padding(toLength: width, withPad: " ", startingAt: 0) }
                .joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }.joined(separator: "\n")
    }
}
