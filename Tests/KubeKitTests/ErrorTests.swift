import Foundation
import KubeKit
import SDKCore
import TestSupport
import Testing

/// Error answers become one error type, and the pipeline retries only what is safe.
struct ErrorTests {
    /// A Status body is decoded into reason, code, message, details and causes.
    @Test func decodesStatus() async throws {
        let api = try await FakeAPI { request in
            if request.url.path.hasSuffix("/missing") {
                return Fixtures.status(
                    404, reason: "NotFound", message: "deployments.apps \"missing\" not found",
                    details: ["name": "missing", "group": "apps", "kind": "deployments"])
            }
            return Fixtures.status(
                422, reason: "Invalid",
                message: "Deployment.apps \"bad\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0",
                details: ["name": "bad", "causes": [["reason": "FieldValueInvalid", "message": "Invalid value: -1", "field": "spec.replicas"]]]
            )
        }
        let notFound = try await #require(throws: KubeError.self) { try await api.client.get(Deployment.self, "missing") }
        #expect(notFound.isNotFound)
        #expect(notFound.code == 404)
        #expect(notFound.message == "deployments.apps \"missing\" not found")
        #expect(notFound.details == KubeError.Details(name: "missing", group: "apps", kind: "deployments"))
        #expect(notFound.request == "GET /apis/apps/v1/namespaces/shop/deployments/missing")
        #expect(notFound.description.contains("Check the name, the namespace and the context"))

        let invalid = try await #require(throws: KubeError.self) { try await api.client.create(Deployment(name: "bad", spec: DeploymentSpec())) }
        #expect(invalid.isInvalid)
        #expect(invalid.causes == [KubeError.Cause(reason: "FieldValueInvalid", message: "Invalid value: -1", field: "spec.replicas")])
        try await api.stop()
    }

    /// An error body that is not a Status (a proxy's page) still yields the reason of its HTTP
    /// status and a message quoting the start of the body.
    @Test func nonStatusBodies() async throws {
        let api = try await FakeAPI(maxAttempts: 1) { request in
            if request.url.path.hasSuffix("/forbidden") { return .text("", status: 403) }
            return .text("<html>Bad Gateway</html>", status: 502)
        }
        let gateway = try await #require(throws: KubeError.self) { try await api.client.get(Deployment.self, "web") }
        #expect(gateway.code == 502)
        #expect(gateway.message.contains("<html>Bad Gateway</html>"))
        let forbidden = try await #require(throws: KubeError.self) { try await api.client.get(Deployment.self, "forbidden") }
        #expect(forbidden.isForbidden)
        #expect(forbidden.description.contains("RBAC"))
        try await api.stop()
    }

    /// A read answered 503 then 200 is retried and succeeds.
    @Test func safeRequestsAreRetriedOn5xx() async throws {
        let count = Counter()
        let api = try await FakeAPI { _ in
            count.increment() < 3
                ? Fixtures.status(503, reason: "ServiceUnavailable", message: "etcd leader changed") : Fixtures.json(Fixtures.deployment("web"))
        }
        let deployment = try await api.client.get(Deployment.self, "web")
        #expect(deployment.name == "web")
        #expect(api.server.requests.count == 3)
        #expect(api.waits.values == [.milliseconds(100), .milliseconds(200)])
        try await api.stop()
    }

    /// A create answered 503 is not retried (it may have been applied); answered 429 with
    /// Retry-After, it is retried after the time the server asked for.
    @Test func createIsRetriedOnlyWhenRejected() async throws {
        let api = try await FakeAPI { request in
            if request.url.path.hasSuffix("/services") {
                return Fixtures.status(503, reason: "ServiceUnavailable", message: "unavailable")
            }
            return Fixtures.json(Fixtures.deployment("web"))
        }
        let error = try await #require(throws: KubeError.self) {
            try await api.client.create(Service(name: "web", spec: ServiceSpec(selector: ["a": "b"], ports: [ServicePort(port: 80)])))
        }
        #expect(error.code == 503)
        #expect(api.server.requests.count == 1)
        try await api.stop()

        let throttled = Counter()
        let limited = try await FakeAPI { request in
            guard throttled.increment() > 1 else {
                var response = Fixtures.status(429, reason: "TooManyRequests", message: "too many requests, please try again later")
                response.headers.add(name: "Retry-After", value: "3")
                return response
            }
            return Fixtures.json(request.jsonBody ?? [:], status: 201)
        }
        _ = try await limited.client.create(Deployment(name: "web", spec: DeploymentSpec()))
        #expect(limited.server.requests.count == 2)
        #expect(limited.waits.values == [.seconds(3)])
        try await limited.stop()
    }

    /// Merge patches are repeated after a 500; JSON patches are not.
    @Test func onlyIdempotentPatchesAreRetried() async throws {
        let api = try await FakeAPI(maxAttempts: 3) { _ in Fixtures.status(500, reason: "InternalError", message: "boom") }
        _ = try? await api.client.patch(Deployment.self, "web", .merge(["spec": ["replicas": 2]]))
        #expect(api.server.requests.count == 3)
        _ = try? await api.client.patch(Deployment.self, "web", .json([.add("/metadata/finalizers/-", "x")]))
        #expect(api.server.requests.count == 4)
        try await api.stop()
    }

    /// After the attempts run out, the last answer is the error, with Retry-After kept.
    @Test func throttlingThatDoesNotStopIsReported() async throws {
        let api = try await FakeAPI(maxAttempts: 2) { _ in
            var response = Fixtures.status(429, reason: "TooManyRequests", message: "slow down")
            response.headers.add(name: "Retry-After", value: "1")
            return response
        }
        let error = try await #require(throws: KubeError.self) { try await api.client.list(Pod.self) }
        #expect(error.isTooManyRequests)
        #expect(error.retryAfter == .seconds(1))
        #expect(api.server.requests.count == 2)
        try await api.stop()
    }

    /// A connection that cannot be made is a TransportError after the retries.
    @Test func unreachableServerIsATransportError() async throws {
        let port = try FreePort.allocate()
        let waits = Recorder<Duration>()
        let client = try KubeClient(
            ClusterConfiguration(server: URL(string: "http://127.0.0.1:\(port)")!),
            retryPolicy: RetryPolicy(maxAttempts: 2, sleep: { waits.append($0) })
        )
        let error = try await #require(throws: TransportError.self) { try await client.get(Deployment.self, "web") }
        #expect(error.kind == .connection)
        #expect(waits.values.count == 1)
        try await client.shutdown()
    }
}
