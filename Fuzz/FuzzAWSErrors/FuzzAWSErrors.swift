import AWSKit
import Foundation
import FuzzSupport
import SDKCore

/// The credentials that sign every call; their secrets must never show in a result or an error.
let secretAccessKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
let sessionToken = "IQoJb3JpZ2luX2VjEFuzzSessionToken/+=="
let secrets = [secretAccessKey, sessionToken, secretAccessKey.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "",
    sessionToken.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""]

/// The calls an input can name.
let operations: Set<String> = [
    "sts.GetCallerIdentity", "sts.AssumeRole", "sts.AssumeRoleWithWebIdentity", "ecr.GetAuthorizationToken", "ecr.DescribeRepositories",
    "ecr.CreateRepository", "ecr.DescribeImages", "ecr.ListImages", "ecr.BatchGetImage", "ecr.BatchDeleteImage", "eks.DescribeCluster",
    "eks.ListClusters", "eks.ListNodegroups", "eks.DescribeNodegroup", "container.Credentials",
]

/// libFuzzer entry point: one STS, ECR, EKS or container-credentials call receives the reply
/// decoded from the input (see ``CannedReply``), through the clients' public API.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAWSErrors(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let reply = CannedReply(FuzzInput(data, size).text), operations.contains(reply.operation) else { return 0 }
    runBlocking {
        let outcome: Result<String, any Error>
        do {
            outcome = .success(try await call(reply))
        } catch {
            outcome = .failure(error)
        }
        check(outcome, reply)
    }
    return 0
}

/// Makes the call the reply is for; returns a description of what it decoded.
func call(_ reply: CannedReply) async throws -> String {
    let transport = CannedTransport(response: reply.response)
    let configuration = AWSConfiguration(
        region: "eu-west-1",
        credentials: StaticCredentialProvider(AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: secretAccessKey, sessionToken: sessionToken)),
        environment: AWSEnvironment([:]),
        transport: transport,
        retryPolicy: .none
    )
    switch reply.operation {
    case "sts.GetCallerIdentity":
        return String(describing: try await STSClient(configuration: configuration).getCallerIdentity())
    case "sts.AssumeRole":
        return String(describing: try await STSClient(configuration: configuration).assumeRole(roleARN: "arn:aws:iam::123456789012:role/deploy", sessionName: "fuzz"))
    case "sts.AssumeRoleWithWebIdentity":
        return String(describing: try await STSClient(configuration: configuration).assumeRoleWithWebIdentity(roleARN: "arn:aws:iam::123456789012:role/deploy", sessionName: "fuzz", webIdentityToken: Secret("eyJhbGciOiJSUzI1NiJ9.fuzz.token")))
    case "ecr.GetAuthorizationToken":
        return String(describing: try await ECRClient(configuration: configuration).getAuthorizationToken())
    case "ecr.DescribeRepositories":
        return String(describing: try await ECRClient(configuration: configuration).describeRepositories())
    case "ecr.CreateRepository":
        return String(describing: try await ECRClient(configuration: configuration).createRepository(name: "app"))
    case "ecr.DescribeImages":
        return String(describing: try await ECRClient(configuration: configuration).describeImages(repository: "app"))
    case "ecr.ListImages":
        return String(describing: try await ECRClient(configuration: configuration).listImages(repository: "app"))
    case "ecr.BatchGetImage":
        return String(describing: try await ECRClient(configuration: configuration).batchGetImage(repository: "app", imageIDs: [.tag("v1")]))
    case "ecr.BatchDeleteImage":
        return String(describing: try await ECRClient(configuration: configuration).batchDeleteImage(repository: "app", imageIDs: [.tag("v1")]))
    case "eks.DescribeCluster":
        let cluster = try await EKSClient(configuration: configuration).describeCluster(name: "prod")
        return "\(cluster) \((try? cluster.certificateAuthorityPEM()) ?? "")"
    case "eks.ListClusters":
        return String(describing: try await EKSClient(configuration: configuration).listClusters())
    case "eks.ListNodegroups":
        return String(describing: try await EKSClient(configuration: configuration).listNodegroups(cluster: "prod"))
    case "eks.DescribeNodegroup":
        return String(describing: try await EKSClient(configuration: configuration).describeNodegroup(cluster: "prod", nodegroup: "workers"))
    case "container.Credentials":
        let provider = ContainerCredentialProvider(
            environment: AWSEnvironment(["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://127.0.0.1/credentials"]), transport: transport, attempts: 1)
        return String(describing: try await provider.credentials(logger: .awsKitNoop))
    default:
        preconditionFailure("\(reply.operation) is not in the operations the entry point accepts")
    }
}

/// The invariants: an error reply becomes an ``AWSError`` with its status and a code; nothing
/// but the SDK's own error types is thrown; no secret shows in a result or an error.
func check(_ outcome: Result<String, any Error>, _ reply: CannedReply) {
    let status = reply.response.status
    let isService = !reply.operation.hasPrefix("container.")
    switch outcome {
    case .success(let text):
        invariant((200..<300).contains(status), "HTTP \(status) is not a success for \(reply.operation)")
        checkNoSecret(text)
    case .failure(let error as AWSError):
        invariant(isService, "only the service clients throw AWSError: \(error)")
        invariant(error.status == status, "the AWSError carries the reply's status \(status), not \(error.status)")
        invariant(!(200..<300).contains(status), "a 2xx reply is not an AWSError: \(error)")
        invariant(!error.code.rawValue.isEmpty, "an AWSError always has a code")
        invariant(error.code.rawValue.trimmingCharacters(in: .whitespaces) == error.code.rawValue, "the code is trimmed: \(error.code.rawValue.debugDescription)")
        checkNoSecret("\(error) \(error.message) \(error.requestID ?? "")")
    case .failure(let error as AWSClientError):
        checkNoSecret("\(error)")
    case .failure(let error as CredentialError):
        invariant(!isService, "only the credential provider throws CredentialError: \(error)")
        checkNoSecret("\(error)")
    case .failure(let error):
        invariant(false, "a reply is decoded or refused with the SDK's error types, not \(type(of: error)): \(error)")
    }
}

func checkNoSecret(_ text: String) {
    for secret in secrets where !secret.isEmpty {
        invariant(!text.contains(secret), "a secret shows in a result or error: \(text.debugDescription)")
    }
}
