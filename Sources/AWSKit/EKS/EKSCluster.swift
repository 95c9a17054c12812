import Foundation
import X509

/// An EKS cluster as DescribeCluster returns it.
public struct EKSCluster: Sendable, Hashable, Codable {
    /// The certificate authority block.
    public struct CertificateAuthority: Sendable, Hashable, Codable {
        /// Base64 of the PEM certificate(s) that sign the API server's certificate.
        public var data: String?
    }

    /// The cluster's name.
    public var name: String
    /// Its ARN.
    public var arn: String?
    /// The Kubernetes API server URL.
    public var endpoint: String?
    /// `CREATING`, `ACTIVE`, `UPDATING`, `DELETING`, `FAILED`.
    public var status: String?
    /// The Kubernetes version, such as `1.31`.
    public var version: String?
    /// The EKS platform version.
    public var platformVersion: String?
    /// The cluster's CA.
    public var certificateAuthority: CertificateAuthority?
    /// The cluster's IAM role.
    public var roleArn: String?
    /// When it was created.
    public var createdAt: Date?

    /// The API server's certificate authority as PEM text, checked to hold at least one
    /// parseable X.509 certificate.
    /// - Throws: ``AWSClientError`` with code `.invalidCertificateAuthority` when the data is
    ///   missing, not base64, or not PEM certificates.
    public func certificateAuthorityPEM() throws -> String {
        guard let data = certificateAuthority?.data, !data.isEmpty else {
            throw AWSClientError(.invalidCertificateAuthority, "cluster '\(name)' has no certificateAuthority.data (status \(status ?? "unknown")); wait until the cluster is ACTIVE")
        }
        let compact = data.filter { !$0.isWhitespace }
        guard let decoded = Data(base64Encoded: compact), let text = String(data: decoded, encoding: .utf8) else {
            throw AWSClientError(.invalidCertificateAuthority, "cluster '\(name)': certificateAuthority.data is not base64-encoded PEM; the EKS reply is damaged or comes from a faulty emulator — check aws eks describe-cluster --name \(name)")
        }
        let blocks = Self.pemBlocks(text)
        guard !blocks.isEmpty else {
            throw AWSClientError(.invalidCertificateAuthority, "cluster '\(name)': certificateAuthority.data holds no PEM certificate (no BEGIN CERTIFICATE block); check aws eks describe-cluster --name \(name)")
        }
        for block in blocks {
            do {
                _ = try Certificate(pemEncoded: block)
            } catch {
                throw AWSClientError(.invalidCertificateAuthority, "cluster '\(name)': certificateAuthority.data holds a PEM block that is not an X.509 certificate; check aws eks describe-cluster --name \(name)")
            }
        }
        return text
    }

    /// The `-----BEGIN CERTIFICATE-----` … `-----END CERTIFICATE-----` blocks of `text`.
    static func pemBlocks(_ text: String) -> [String] {
        var blocks: [String] = []
        var rest = Substring(text)
        let begin = "-----BEGIN CERTIFICATE-----"
        let end = "-----END CERTIFICATE-----"
        while let start = rest.range(of: begin), let stop = rest.range(of: end, range: start.upperBound..<rest.endIndex) {
            blocks.append(String(rest[start.lowerBound..<stop.upperBound]))
            rest = rest[stop.upperBound...]
        }
        return blocks
    }
}
