import Testing

@testable import KubeSandbox

struct AuthenticationTests {
    /// Over TLS the client certificate and the token are accepted; anonymous and wrong tokens get 401.
    @Test func tlsUsers() async throws {
        try await withSandbox({ $0.tls = true }) { sandbox, certificateClient async throws in
            #expect(sandbox.url.scheme == "https")
            #expect(sandbox.caCertificatePEM?.hasPrefix("-----BEGIN CERTIFICATE-----") == true)
            #expect(try await certificateClient.get("/api/v1/namespaces").status == 200)
            #expect(sandbox.requestLog.last?.user == "sandbox-admin")
            let tokenClient = try SandboxClient(sandbox, user: .token)
            #expect(try await tokenClient.get("/api/v1/namespaces").status == 200)
            #expect(sandbox.requestLog.last?.user == Authenticator.tokenUser)
            let anonymous = try SandboxClient(sandbox, user: .anonymous)
            let refused = try await anonymous.get("/api/v1/namespaces")
            #expect(refused.status == 401)
            #expect(refused.json["reason"] == "Unauthorized")
            #expect(try await anonymous.get("/healthz").status == 200)
            let wrong = try SandboxClient(sandbox, user: .anonymous, token: "wrong")
            #expect(try await wrong.get("/api/v1/namespaces").status == 401)
            #expect(sandbox.counters.count(status: 401) == 2)
        }
    }

    /// `kubectl auth whoami` and `can-i` reviews answer from the request's identity.
    @Test func reviews() async throws {
        try await withSandbox({ $0.tls = true }) { sandbox, certificateClient async throws in
            let review: JSON = ["apiVersion": "authentication.k8s.io/v1", "kind": "SelfSubjectReview"]
            let byCertificate = try await certificateClient.post("/apis/authentication.k8s.io/v1/selfsubjectreviews", review)
            #expect(byCertificate.status == 201)
            #expect(byCertificate.json.string(at: "status", "userInfo", "username") == "sandbox-admin")
            #expect(byCertificate.json.value(at: ["status", "userInfo", "groups"]) == ["system:masters", "system:authenticated"])
            let tokenClient = try SandboxClient(sandbox, user: .token)
            let byToken = try await tokenClient.post("/apis/authentication.k8s.io/v1/selfsubjectreviews", review)
            #expect(byToken.json.string(at: "status", "userInfo", "username") == Authenticator.tokenUser)
            let access: JSON = [
                "apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectAccessReview",
                "spec": ["resourceAttributes": ["verb": "patch", "resource": "services", "namespace": "default"]],
            ]
            let allowed = try await tokenClient.post("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", access)
            #expect(allowed.json.value(at: ["status", "allowed"]) == true)
            #expect(try await tokenClient.get("/apis/authentication.k8s.io/v1/selfsubjectreviews").status == 405)
        }
    }

    /// Changing the accepted tokens turns the old one away (for token-refresh tests).
    @Test func acceptedTokensChange() async throws {
        try await withSandbox({
            $0.bearerToken = "first"; $0.allowAnonymous = false
        }) { sandbox, _ async throws in
            let first = try SandboxClient(sandbox, user: .anonymous, token: "first")
            let second = try SandboxClient(sandbox, user: .anonymous, token: "second")
            #expect(try await first.get("/api/v1/namespaces").status == 200)
            #expect(try await second.get("/api/v1/namespaces").status == 401)
            await sandbox.setAcceptedTokens(["second"])
            #expect(try await first.get("/api/v1/namespaces").status == 401)
            #expect(try await second.get("/api/v1/namespaces").status == 200)
        }
    }

    /// Generated kubeconfigs carry the chosen user and never another one's secret.
    @Test func kubeconfigs() async throws {
        try await withSandbox({ $0.tls = true }) { sandbox, _ async throws in
            let certificate = sandbox.kubeconfig(user: .clientCertificate)
            #expect(certificate.contains("client-certificate-data:") && certificate.contains("client-key-data:"))
            #expect(certificate.contains("certificate-authority-data:"))
            #expect(!certificate.contains(sandbox.bearerToken ?? "-"))
            let token = sandbox.kubeconfig(user: .token, namespace: "team")
            #expect(token.contains("token: \(sandbox.bearerToken ?? "")") && token.contains("namespace: team"))
            #expect(!token.contains("client-key-data"))
            #expect(token.contains("server: \(sandbox.url.absoluteString)"))
        }
    }
}
