import Foundation
import SDKCore
import TestSupport
import Testing

struct AsyncHTTPClientTransportTests {
    /// Method, headers (several values for one name) and body reach a real server; status,
    /// headers and body come back.
    @Test func roundTripsARequest() async throws {
        let server = try await TestHTTPServer { request in
            var response = HTTPResponse.text("echo:\(String(decoding: request.body ?? Data(), as: UTF8.self))", status: 201)
            response.headers.add(name: "X-Seen", value: request.headers.values(for: "x-multi").joined(separator: ","))
            return response
        }
        defer { Task { await server.shutdown() } }
        var headers: HTTPHeaderFields = ["X-Multi": "a"]
        headers.add(name: "X-Multi", value: "b")
        let request = HTTPRequest(method: "POST", url: server.baseURL.appendingPathComponent("p"), headers: headers, body: Data("hi".utf8))
        let response = try await AsyncHTTPClientTransport.shared.execute(request, timeout: .seconds(5))
        #expect(response.status == 201)
        #expect(String(decoding: response.body, as: UTF8.self) == "echo:hi")
        #expect(response.headers["x-seen"] == "a,b")
        #expect(server.requests.first?.method == "POST")
        #expect(server.requests.first?.url.path == "/p")
    }

    /// A refused connection is a transient transport error, not a crash or a hang.
    @Test func connectionRefusedIsTransient() async throws {
        let port = try FreePort.allocate()
        let request = HTTPRequest(method: "GET", url: URL(string: "http://127.0.0.1:\(port)/")!)
        do {
            _ = try await AsyncHTTPClientTransport.shared.execute(request, timeout: .seconds(5))
            Issue.record("expected a connection error")
        } catch let error as TransportError {
            #expect(error.kind == .connection)
            #expect(error.isTransient)
        }
    }

    /// A server slower than the timeout gives a timeout error.
    @Test func slowServerTimesOut() async throws {
        let server = try await TestHTTPServer { _ in
            try? await Task.sleep(for: .seconds(3))
            return .text("late")
        }
        defer { Task { await server.shutdown() } }
        let request = HTTPRequest(method: "GET", url: server.baseURL)
        do {
            _ = try await AsyncHTTPClientTransport.shared.execute(request, timeout: .milliseconds(300))
            Issue.record("expected a timeout")
        } catch let error as TransportError {
            #expect(error.kind == .timeout)
        }
    }

    /// Certificate material that is not PEM is refused when the transport is made, with a
    /// message that does not repeat the material.
    @Test func badTLSMaterialIsRefused() throws {
        let options = TLSOptions(trustRootsPEM: ["not a certificate SECRETBYTES"])
        do {
            _ = try AsyncHTTPClientTransport(configuration: .init(tls: options))
            Issue.record("expected an error")
        } catch let error as TransportError {
            #expect(error.kind == .invalidRequest)
            #expect(!error.description.contains("SECRETBYTES"))
        }
    }
}
