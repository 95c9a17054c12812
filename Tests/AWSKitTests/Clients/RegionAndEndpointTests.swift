import AWSKit
import Foundation
import Testing

struct RegionAndEndpointTests {
    /// The region comes from the explicit value, then AWS_REGION, AWS_DEFAULT_REGION, then the
    /// profile; none is an error that says how to set one.
    @Test func regionOrder() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try folder.write(".aws/config", "[default]\nregion = sa-east-1\n[profile x]\nregion = ap-south-1\n")
        let all = ["AWS_REGION": "eu-west-1", "AWS_DEFAULT_REGION": "us-west-2"]
        #expect(try AWSRegion.resolve("eu-central-1", environment: AWSEnvironment(all, homeDirectory: folder.path)) == "eu-central-1")
        #expect(try AWSRegion.resolve(environment: AWSEnvironment(all, homeDirectory: folder.path)) == "eu-west-1")
        #expect(try AWSRegion.resolve(environment: AWSEnvironment(["AWS_DEFAULT_REGION": "us-west-2"], homeDirectory: folder.path)) == "us-west-2")
        #expect(try AWSRegion.resolve(environment: AWSEnvironment([:], homeDirectory: folder.path)) == "sa-east-1")
        #expect(try AWSRegion.resolve(environment: AWSEnvironment(["AWS_PROFILE": "x"], homeDirectory: folder.path)) == "ap-south-1")
        let error = try #require(throws: AWSClientError.self) { try AWSRegion.resolve(environment: AWSEnvironment([:], homeDirectory: "/nonexistent")) }
        #expect(error.code == .missingRegion)
        #expect(error.message.contains("AWS_REGION"))
        #expect(throws: AWSClientError.self) { try AWSRegion.resolve("eu-west-1.evil.com/") }
    }

    /// AWS_ENDPOINT_URL_<SERVICE> beats AWS_ENDPOINT_URL, which beats the profile's
    /// endpoint_url, which beats the default; AWS_IGNORE_CONFIGURED_ENDPOINT_URLS turns them off.
    @Test func endpointOverrides() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try folder.write(".aws/config", "[default]\nendpoint_url = http://profile.local:1\n")
        func endpoint(_ service: AWSService, _ variables: [String: String]) throws -> String {
            try service.endpoint(region: "eu-west-1", environment: AWSEnvironment(variables, homeDirectory: folder.path)).absoluteString
        }
        let both = ["AWS_ENDPOINT_URL_ECR": "http://ecr.local:4566", "AWS_ENDPOINT_URL": "http://all.local:4566"]
        #expect(try endpoint(.ecr, both) == "http://ecr.local:4566")
        #expect(try endpoint(.eks, both) == "http://all.local:4566")
        #expect(try endpoint(.sts, [:]) == "http://profile.local:1")
        #expect(try endpoint(.sts, ["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"] .merging(both) { a, _ in a }) == "https://sts.eu-west-1.amazonaws.com")
        #expect(try AWSService.ecr.endpoint(region: "cn-north-1", environment: AWSEnvironment([:])).absoluteString == "https://api.ecr.cn-north-1.amazonaws.com.cn")
        #expect(try AWSService.eks.endpoint(region: "us-east-2", environment: AWSEnvironment([:])).absoluteString == "https://eks.us-east-2.amazonaws.com")
        let error = try #require(throws: AWSClientError.self) { try endpoint(.sts, ["AWS_ENDPOINT_URL_STS": "localhost:4566"]) }
        #expect(error.code == .invalidEndpoint)
        #expect(error.message.contains("AWS_ENDPOINT_URL_STS"))
    }
}
