import AWSKit
import Foundation
import SDKCore
import TestSupport
import Testing

struct EKSTokenTests {
    static let token = "IQoJb3JpZ2luX2VjEMj//////////wEaCWV1LXdlc3QtMSJHMEUCIQD+example/session+token=="

    /// What the AWS CLI's own TokenGenerator (awscli + botocore) makes for these inputs.
    static func botocoreToken(key: String, secret: String, token: String?, cluster: String, region: String, date: Int) async throws -> String {
        let python = try Prerequisites.executable("python3", install: "Install Python 3 with awscli (pip install awscli; scripts/test does).")
        var arguments: [String: Any] = ["accessKeyId": key, "secretAccessKey": secret, "cluster": cluster, "region": region, "date": date]
        if let token { arguments["sessionToken"] = token }
        let json = String(decoding: try JSONSerialization.data(withJSONObject: arguments), as: UTF8.self)
        let script = Prerequisites.repositoryRoot.appendingPathComponent("scripts/sigv4/eks_token.py").path
        // A clean environment, so that no AWS_* variable of the test run changes botocore's choices.
        let environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": "/nonexistent", "AWS_EC2_METADATA_DISABLED": "true"]
        let outcome = try await ProcessRunner().run(.init(python, arguments: [script, json], environment: environment, inheritEnvironment: false), timeout: .seconds(60))
        try #require(outcome.succeeded, "awscli's token generator failed (pip install awscli): \(outcome.standardErrorText)")
        return outcome.standardOutputText.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The token is byte-identical to the AWS CLI's for the same credentials, cluster, region and
    /// time, with and without a session token, across regions and partitions.
    @Test(arguments: [
        (nil as String?, "prod", "us-east-1", 1_440_938_160),
        (EKSTokenTests.token, "prod", "eu-west-1", 1_800_000_000),
        (EKSTokenTests.token, "team-a_cluster-1", "ap-southeast-2", 1_700_000_123),
        (nil, "x", "cn-north-1", 1_600_000_000),
    ])
    func matchesTheAWSCLI(sessionToken: String?, cluster: String, region: String, date: Int) async throws {
        let credentials = AWSCredentials(accessKeyId: "ASIAEXAMPLEKEY123456", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", sessionToken: sessionToken)
        let ours = try EKSToken.make(
            clusterName: cluster, credentials: credentials, region: AWSRegion(rawValue: region), date: Date(timeIntervalSince1970: TimeInterval(date)))
        let theirs = try await Self.botocoreToken(
            key: credentials.accessKeyId, secret: credentials.secretAccessKey.value, token: sessionToken, cluster: cluster, region: region, date: date)
        #expect(ours.token.value == theirs)
        #expect(ours.expiration == Date(timeIntervalSince1970: TimeInterval(date + 14 * 60)))
    }

    /// The token decodes to a presigned GetCallerIdentity URL that signs x-k8s-aws-id, lives 60
    /// seconds, and carries no padding.
    @Test func tokenShape() throws {
        let token = try EKSToken.make(
            clusterName: "prod", credentials: AWSCredentials(accessKeyId: "AKIAEXAMPLE", secretAccessKey: "secret"), region: "eu-west-1",
            date: Date(timeIntervalSince1970: 1_800_000_000)).token.value
        #expect(token.hasPrefix("k8s-aws-v1."))
        let payload = String(token.dropFirst("k8s-aws-v1.".count))
        #expect(!payload.contains("=") && !payload.contains("+") && !payload.contains("/"))
        var base64 = payload.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        let url = String(decoding: try #require(Data(base64Encoded: base64)), as: UTF8.self)
        #expect(url.hasPrefix("https://sts.eu-west-1.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15&"))
        #expect(url.contains("X-Amz-Expires=60&"))
        #expect(url.contains("X-Amz-SignedHeaders=host%3Bx-k8s-aws-id&"))
    }

    /// The ExecCredential JSON has the kind, the requested API version, the token and an expiry
    /// 14 minutes after signing, in RFC 3339 UTC.
    @Test(arguments: [ExecCredentialVersion.v1beta1, .v1])
    func execCredential(version: ExecCredentialVersion) throws {
        let signed = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15T08:00:00Z
        let token = try EKSToken.make(clusterName: "prod", credentials: AWSCredentials(accessKeyId: "AKIAEXAMPLE", secretAccessKey: "secret"), region: "eu-west-1", date: signed)
        let json = token.execCredentialJSON(apiVersion: version)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["kind"] as? String == "ExecCredential")
        #expect(object["apiVersion"] as? String == version.rawValue)
        #expect((object["spec"] as? [String: Any])?.isEmpty == true)
        let status = try #require(object["status"] as? [String: Any])
        #expect(status["token"] as? String == token.token.value)
        #expect(status["expirationTimestamp"] as? String == "2027-01-15T08:14:00Z")
        #expect(!token.description.contains(token.token.value))
    }

    /// KUBERNETES_EXEC_INFO picks the version; missing, malformed or unknown values give
    /// v1beta1, the last two with a warning.
    @Test func execInfo() {
        #expect(ExecCredentialVersion.fromExecInfo(nil) == (.v1beta1, nil))
        #expect(ExecCredentialVersion.fromExecInfo(#"{"apiVersion": "client.authentication.k8s.io/v1", "kind": "ExecCredential"}"#).version == .v1)
        #expect(ExecCredentialVersion.fromExecInfo("{not json").version == .v1beta1)
        #expect(ExecCredentialVersion.fromExecInfo("{not json").warning != nil)
        #expect(ExecCredentialVersion.fromExecInfo(#"{"apiVersion": "client.authentication.k8s.io/v1alpha1"}"#).warning != nil)
    }

    /// With a role ARN the token is signed by the assumed role's credentials (moto's STS), and an
    /// empty cluster name is refused.
    @Test func assumesARoleFirst() async throws {
        let moto = try await Moto()
        defer { moto.stop() }
        let token = try await EKSToken.make(clusterName: "prod", configuration: moto.configuration(), roleARN: "arn:aws:iam::123456789012:role/eks-admin")
        var base64 = String(token.token.value.dropFirst(11)).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        let url = String(decoding: try #require(Data(base64Encoded: base64)), as: UTF8.self)
        #expect(url.contains("X-Amz-Credential=ASIA"))
        #expect(url.contains("X-Amz-Security-Token="))
        await #expect(throws: AWSClientError.self) { try await EKSToken.make(clusterName: "", configuration: moto.configuration()) }
    }
}
