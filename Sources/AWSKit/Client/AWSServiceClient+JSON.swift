import Foundation
import Logging
import SDKCore

extension AWSServiceClient {
    static let jsonEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    static let jsonDecoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }()

    /// Decodes a JSON reply, or says which operation's reply was not understood.
    func decode<Reply: Decodable>(_ type: Reply.Type, from response: HTTPResponse, operation: String) throws -> Reply {
        do {
            return try Self.jsonDecoder.decode(Reply.self, from: response.body.isEmpty ? Data("{}".utf8) : response.body)
        } catch {
            throw AWSClientError(
                .invalidResponse,
                "\(service.signingName) \(operation) replied with JSON that does not match the API (\(error)); check the endpoint \(endpoint.absoluteString)")
        }
    }

    /// Follows `nextToken` until the last page; `fetch` gets the token of the page to load.
    static func paginate<Item>(
        operation: String, _ fetch: (_ nextToken: String?) async throws -> (items: [Item], nextToken: String?)
    ) async throws -> [Item] {
        var items: [Item] = []
        var token: String?
        var seen: Set<String> = []
        repeat {
            let page = try await fetch(token)
            items += page.items
            token = page.nextToken.flatMap { $0.isEmpty ? nil : $0 }
            if let token {
                guard seen.insert(token).inserted else {
                    throw AWSClientError(.invalidResponse, "\(operation) returned the same nextToken twice; the service's pagination is broken")
                }
            }
        } while token != nil
        return items
    }
}
