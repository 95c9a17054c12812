import Foundation
import SDKCore

/// A transport that answers every request with one reply, the one decoded from the input.
struct CannedTransport: HTTPTransport {
    let response: HTTPResponse

    func execute(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse { response }
}
