import Crypto
import Foundation
import SwiftASN1
import X509

/// The certificates of a TLS sandbox, made fresh at every start: a CA, a serving certificate
/// for 127.0.0.1 and localhost signed by it, and a client certificate (CN = user name,
/// O = groups) for the client-certificate user. Private keys stay in memory.
struct TLSMaterial: Sendable {
    var caCertificatePEM: String
    var serverCertificatePEM: String
    var serverKeyPEM: String
    var clientCertificatePEM: String
    var clientKeyPEM: String

    /// The client certificate's user name and groups.
    static let clientUser = "sandbox-admin"
    static let clientGroups = ["system:masters"]

    static func generate(now: Date = Date()) throws -> TLSMaterial {
        do {
            let caKey = P256.Signing.PrivateKey()
            let caName = try DistinguishedName { CommonName("kube-sandbox-ca") }
            let notBefore = now.addingTimeInterval(-3600)
            let notAfter = now.addingTimeInterval(10 * 365 * 86400)
            let ca = try Certificate(
                version: .v3, serialNumber: .init(), publicKey: .init(caKey.publicKey),
                notValidBefore: notBefore, notValidAfter: notAfter, issuer: caName, subject: caName,
                signatureAlgorithm: .ecdsaWithSHA256,
                extensions: try Certificate.Extensions {
                    Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                    Critical(KeyUsage(digitalSignature: true, keyCertSign: true, cRLSign: true))
                    SubjectKeyIdentifier(hash: .init(caKey.publicKey))
                },
                issuerPrivateKey: .init(caKey))

            let serverKey = P256.Signing.PrivateKey()
            let server = try Certificate(
                version: .v3, serialNumber: .init(), publicKey: .init(serverKey.publicKey),
                notValidBefore: notBefore, notValidAfter: notAfter, issuer: caName,
                subject: try DistinguishedName { CommonName("kube-apiserver") },
                signatureAlgorithm: .ecdsaWithSHA256,
                extensions: try Certificate.Extensions {
                    Critical(BasicConstraints.notCertificateAuthority)
                    Critical(KeyUsage(digitalSignature: true, keyEncipherment: true))
                    try ExtendedKeyUsage([.serverAuth])
                    SubjectAlternativeNames([
                        .dnsName("localhost"), .dnsName("kubernetes"), .dnsName("kubernetes.default"),
                        .dnsName("kubernetes.default.svc"), .dnsName("kubernetes.default.svc.cluster.local"),
                        .ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1])),
                        .ipAddress(ASN1OctetString(contentBytes: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])),
                    ])
                },
                issuerPrivateKey: .init(caKey))

            let clientKey = P256.Signing.PrivateKey()
            let client = try Certificate(
                version: .v3, serialNumber: .init(), publicKey: .init(clientKey.publicKey),
                notValidBefore: notBefore, notValidAfter: notAfter, issuer: caName,
                subject: try DistinguishedName {
                    OrganizationName(clientGroups[0])
                    CommonName(clientUser)
                },
                signatureAlgorithm: .ecdsaWithSHA256,
                extensions: try Certificate.Extensions {
                    Critical(BasicConstraints.notCertificateAuthority)
                    Critical(KeyUsage(digitalSignature: true, keyEncipherment: true))
                    try ExtendedKeyUsage([.clientAuth])
                },
                issuerPrivateKey: .init(caKey))

            return TLSMaterial(
                caCertificatePEM: try ca.serializeAsPEM().pemString,
                serverCertificatePEM: try server.serializeAsPEM().pemString,
                serverKeyPEM: serverKey.pemRepresentation,
                clientCertificatePEM: try client.serializeAsPEM().pemString,
                clientKeyPEM: clientKey.pemRepresentation)
        } catch {
            throw SandboxError(.tlsSetupFailed, "could not generate the sandbox certificates (\(error)); run without --tls or report this")
        }
    }
}
