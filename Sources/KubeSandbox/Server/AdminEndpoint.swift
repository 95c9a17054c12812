import Foundation

/// The sandbox's own controls, under `/sandbox/v1` (a path no real API server serves):
///
/// - `GET /sandbox/v1/faults`, `PUT|POST /sandbox/v1/faults` (a ``FaultConfiguration`` as JSON)
/// - `PUT|POST /sandbox/v1/tokens` (`{"tokens": ["…"]}`): the bearer tokens accepted from now on
/// - `PUT|POST /sandbox/v1/nodes/NAME` (`{"ready": false}`): a node's Ready condition
/// - `GET /sandbox/v1/counters`, `GET /sandbox/v1/requests`, `DELETE /sandbox/v1/counters`
struct AdminEndpoint: Sendable {
    let store: ObjectStore
    let faults: FaultInjector
    let log: RequestLog
    let authenticator: Authenticator

    func handle(_ request: APIRequest, authenticated: Bool) async throws -> APIResponse {
        let segments = request.path.split(separator: "/").dropFirst(2).map(String.init)
        let write = ["PUT", "POST"].contains(request.method)
        func body() throws -> JSON {
            do { return try JSON(parsing: request.body) } catch { throw APIError.badRequest("the admin request needs a JSON body: \(error)") }
        }
        switch (request.method, segments.first, segments.count) {
        case ("GET", nil, _):
            return .json(["paths": ["/sandbox/v1/faults", "/sandbox/v1/tokens", "/sandbox/v1/nodes/{name}", "/sandbox/v1/counters", "/sandbox/v1/requests"]])
        case ("GET", "faults", 1):
            return .rawJSON(Array(try JSONEncoder().encode(faults.configuration)))
        case (_, "faults", 1) where write:
            let configuration: FaultConfiguration
            do {
                configuration = try JSONDecoder().decode(FaultConfiguration.self, from: Data(request.body))
            } catch {
                throw APIError.badRequest("the body is not a fault configuration (\(error)); send e.g. {\"errorRate\":0.5,\"errorStatuses\":[503]}")
            }
            if let problem = configuration.validationError() { throw APIError.badRequest(problem) }
            faults.set(configuration)
            return .rawJSON(Array(try JSONEncoder().encode(configuration)))
        case (_, "tokens", 1) where write:
            guard let tokens = try body()["tokens"].arrayValue?.compactMap(\.stringValue) else {
                throw APIError.badRequest("send {\"tokens\": [\"token\", …]}")
            }
            authenticator.setTokens(Set(tokens))
            return .json(["accepted": .int(tokens.count)])
        case (_, "nodes", 2) where write:
            guard let ready = try body()["ready"].boolValue else { throw APIError.badRequest("send {\"ready\": true|false}") }
            try await store.setNodeReady(name: segments[1], ready: ready)
            return .json(["name": .string(segments[1]), "ready": .bool(ready)])
        case ("GET", "counters", 1):
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return .rawJSON(Array(try encoder.encode(log.counters)))
        case ("DELETE", "counters", 1):
            log.reset()
            return .json(["reset": true])
        case ("GET", "requests", 1):
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .iso8601
            return .rawJSON(Array(try encoder.encode(log.records)))
        case (_, "faults", 1), (_, "tokens", 1), (_, "nodes", 2), (_, "counters", 1), (_, "requests", 1):
            throw APIError.methodNotAllowed()
        default:
            throw APIError.pathNotFound()
        }
    }
}
