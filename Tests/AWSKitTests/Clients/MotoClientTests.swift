import AWSKit
import Foundation
import SDKCore
import TestSupport
import Testing

/// The clients against a real emulator (`moto_server`, one per test, on a free loopback port),
/// reached through the standard `AWS_ENDPOINT_URL` override.
struct MotoClientTests {
    /// STS GetCallerIdentity and AssumeRole decode moto's XML replies.
    @Test func stsCallerIdentityAndAssumeRole() async throws {
        let moto = try await Moto()
        defer { moto.stop() }
        let sts = try STSClient(configuration: moto.configuration())
        #expect(sts.endpoint.absoluteString == moto.endpoint)
        let identity = try await sts.getCallerIdentity()
        #expect(identity.account.count == 12)
        #expect(identity.arn.hasPrefix("arn:aws:"))
        let role = try await sts.assumeRole(roleARN: "arn:aws:iam::123456789012:role/deployer", sessionName: "ci-run-7", duration: 900)
        #expect(role.credentials.accessKeyId.hasPrefix("ASIA"))
        #expect(role.assumedRoleARN?.hasSuffix("deployer/ci-run-7") == true)
        let expiration = try #require(role.credentials.expiration)
        #expect(expiration > Date())
    }

    /// Bad parameters are refused before any request, with the fix in the message.
    @Test func stsValidatesParameters() async throws {
        let sts = try STSClient(configuration: AWSConfiguration(region: "eu-west-1", credentials: StaticCredentialProvider(.init(accessKeyId: "a", secretAccessKey: "b"))))
        let error = try await #require(throws: AWSClientError.self) { try await sts.assumeRole(roleARN: "deployer", sessionName: "x") }
        #expect(error.code == .invalidParameter)
        #expect(error.message.contains("arn:aws:iam::"))
    }

    /// ECR: create, describe (by name and all), a missing repository decodes into AWSError with
    /// code, message, status and request id, and the authorization token is decoded.
    @Test func ecrRepositoriesAndErrors() async throws {
        let moto = try await Moto()
        defer { moto.stop() }
        let ecr = try ECRClient(configuration: moto.configuration())
        let created = try await ecr.createRepository(name: "team/web", tagMutability: .immutable, scanOnPush: true)
        #expect(created.name == "team/web")
        #expect(created.uri?.hasSuffix("/team/web") == true)
        _ = try await ecr.createRepository(name: "api")
        let all = try await ecr.describeRepositories()
        #expect(Set(all.map(\.name)) == ["team/web", "api"])
        let one = try await ecr.describeRepositories(names: ["api"])
        #expect(one.map(\.name) == ["api"])

        let duplicate = try await #require(throws: AWSError.self) { try await ecr.createRepository(name: "api") }
        #expect(duplicate.code == .repositoryAlreadyExists)
        let missing = try await #require(throws: AWSError.self) { try await ecr.describeRepositories(names: ["nope"]) }
        #expect(missing.code == .repositoryNotFound)
        #expect(missing.status == 400)
        #expect(missing.message.contains("nope"))
        #expect(missing.requestID?.isEmpty == false)
        #expect(missing.service == "ecr" && missing.operation == "DescribeRepositories")

        let authorization = try #require(try await ecr.getAuthorizationToken().first)
        #expect(authorization.username == "AWS")
        #expect(!authorization.password.value.isEmpty)
        #expect(authorization.proxyEndpoint.hasPrefix("https://"))
        #expect(authorization.registryHost.hasSuffix(".amazonaws.com"))
        #expect(!authorization.description.contains(authorization.password.value))
    }

    /// ECR images: list, describe, batch get (with a failure for a missing tag) and batch delete.
    @Test func ecrImages() async throws {
        let moto = try await Moto()
        defer { moto.stop() }
        let ecr = try ECRClient(configuration: moto.configuration())
        _ = try await ecr.createRepository(name: "web")
        let manifest = #"{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":7023,"digest":"sha256:b5b2b2c507a0944348e0303114d8d93aaaa081732b86451d9bce1f432a537bc7"},"layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":32654,"digest":"sha256:e692418e4cbaf90ca69d05a66403747baa33ee08806650b51fab815ad7fc331f"}]}"#
        for tag in ["41", "42"] {
            let body = try JSONSerialization.data(withJSONObject: ["repositoryName": "web", "imageManifest": manifest.replacingOccurrences(of: "7023", with: "70\(tag)"), "imageTag": tag])
            try await moto.raw(service: "ecr", target: "AmazonEC2ContainerRegistry_V20150921.PutImage", json: String(decoding: body, as: UTF8.self))
        }
        let listed = try await ecr.listImages(repository: "web")
        #expect(Set(listed.compactMap(\.imageTag)) == ["41", "42"])
        let details = try await ecr.describeImages(repository: "web", imageIDs: [.tag("42")])
        #expect(details.first?.imageTags == ["42"])
        #expect(details.first?.imageDigest?.hasPrefix("sha256:") == true)
        let fetched = try await ecr.batchGetImage(repository: "web", imageIDs: [.tag("41"), .tag("nope")])
        #expect(fetched.images.map(\.imageId.imageTag) == ["41"])
        #expect(fetched.images.first?.imageManifest?.contains("schemaVersion") == true)
        #expect(fetched.failures.map(\.imageId?.imageTag) == ["nope"])
        let deleted = try await ecr.batchDeleteImage(repository: "web", imageIDs: [.tag("41")])
        #expect(deleted.imageIds.contains { $0.imageTag == "41" })
        #expect(try await ecr.listImages(repository: "web").compactMap(\.imageTag) == ["42"])
    }

    /// EKS: describe (endpoint, status), list clusters and node groups, describe a node group; a
    /// missing cluster is a 404 ResourceNotFoundException; moto's certificate data (not PEM)
    /// gives a clear error when it is used.
    @Test func eksClustersAndNodegroups() async throws {
        let moto = try await Moto()
        defer { moto.stop() }
        try await moto.raw(service: "eks", path: "/clusters", json: #"{"name": "prod", "roleArn": "arn:aws:iam::123456789012:role/eks", "resourcesVpcConfig": {"subnetIds": ["subnet-1"]}}"#)
        try await moto.raw(
            service: "eks", path: "/clusters/prod/node-groups",
            json: #"{"nodegroupName": "ng-1", "subnets": ["subnet-1"], "nodeRole": "arn:aws:iam::123456789012:role/node", "scalingConfig": {"minSize": 1, "maxSize": 4, "desiredSize": 3}}"#)
        let eks = try EKSClient(configuration: moto.configuration())
        let cluster = try await eks.describeCluster(name: "prod")
        #expect(cluster.name == "prod")
        #expect(cluster.status == "ACTIVE")
        #expect(cluster.endpoint?.hasPrefix("https://") == true)
        let caError = try #require(throws: AWSClientError.self) { try cluster.certificateAuthorityPEM() }
        #expect(caError.code == .invalidCertificateAuthority)
        #expect(caError.message.contains("prod"))
        #expect(try await eks.listClusters() == ["prod"])
        #expect(try await eks.listNodegroups(cluster: "prod") == ["ng-1"])
        let group = try await eks.describeNodegroup(cluster: "prod", nodegroup: "ng-1")
        #expect(group.scalingConfig?.desiredSize == 3)
        #expect(group.scalingConfig?.maxSize == 4)
        let missing = try await #require(throws: AWSError.self) { try await eks.describeCluster(name: "staging") }
        #expect(missing.code == .resourceNotFound)
        #expect(missing.status == 404)
        #expect(missing.message.contains("staging"))
    }
}
