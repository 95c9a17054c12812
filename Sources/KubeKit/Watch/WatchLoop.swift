import Foundation
import Logging
import SDKCore

/// Keeps a watch going, as client-go's RetryWatcher and reflector do together: it resumes a
/// cut or expired connection from the last resourceVersion it saw (events or bookmarks), so
/// nothing is lost or repeated; it backs off on failures; and when the server says that version
/// is gone (410), it lists again and reports the difference from what it had seen as events.
struct WatchLoop: Sendable {
    typealias Object = [String: JSONValue]

    let client: KubeClient
    let resource: APIResource
    let namespace: String?
    let labelSelector: String?
    let fieldSelector: String?
    let options: WatchOptions

    /// What the loop knows about one object: enough to report a deletion or a change after a relist.
    private struct Seen {
        var uid: String?
        var resourceVersion: String?
        var object: Object
    }

    private enum Ending: Error {
        case gone
    }

    func run(from initialVersion: String?, yield: @Sendable (WatchEvent<Object>) -> Void) async throws {
        var seen: [String: Seen] = [:]
        var version = initialVersion
        if version == nil || version?.isEmpty == true {
            // No starting point: the current objects are the first events, and the list's
            // version is where the watch begins.
            version = try await relist(into: &seen, yield: yield)
        }
        var failures = 0
        while true {
            try Task.checkCancellation()
            let opened = ContinuousClock.now
            var received = false
            do {
                try await connect(from: version ?? "", seen: &seen, version: &version, received: &received, yield: yield)
                // The server ended the watch (its timeout, or a proxy); resume at once unless the
                // connection was suspiciously short and empty.
                if received || ContinuousClock.now - opened > .seconds(1) {
                    failures = 0
                    continue
                }
                failures += 1
                if failures >= options.maxConsecutiveFailures {
                    throw KubeError(
                        reason: .unexpectedResponse, code: 0,
                        message:
                            "the watch of \(resource) kept ending at once without events (\(failures) times); check the API server and any proxy in between"
                    )
                }
            } catch Ending.gone {
                guard options.relistOnGone else {
                    throw KubeError(reason: .gone, code: 410, message: "the watch of \(resource) cannot resume from resourceVersion \(version ?? "")")
                }
                client.logger.debug(
                    "watch resource version too old; listing again", metadata: ["resource": "\(resource)", "resourceVersion": "\(version ?? "")"])
                version = try await relist(into: &seen, yield: yield)
                failures = 0
                continue
            } catch {
                if error is CancellationError || Task.isCancelled { throw CancellationError() }
                guard Self.isRetryable(error) else { throw error }
                if received { failures = 0 }
                failures += 1
                if failures >= options.maxConsecutiveFailures { throw error }
                client.logger.debug(
                    "watch interrupted; resuming", metadata: ["resource": "\(resource)", "error": "\(error)", "failures": "\(failures)"])
                let retryAfter = (error as? KubeError)?.retryAfter
                try await client.retryPolicy.sleep(client.retryPolicy.delay(afterFailures: failures, retryAfter: retryAfter))
                continue
            }
            try await client.retryPolicy.sleep(client.retryPolicy.delay(afterFailures: failures))
        }
    }

    /// One connection: reads events until the stream ends.
    private func connect(
        from resourceVersion: String, seen: inout [String: Seen], version: inout String?, received: inout Bool,
        yield: @Sendable (WatchEvent<Object>) -> Void
    ) async throws {
        var query: [(name: String, value: String)] = [("watch", "1"), ("allowWatchBookmarks", "true")]
        if !resourceVersion.isEmpty { query.append(("resourceVersion", resourceVersion)) }
        if let labelSelector, !labelSelector.isEmpty { query.append(("labelSelector", labelSelector)) }
        if let fieldSelector, !fieldSelector.isEmpty { query.append(("fieldSelector", fieldSelector)) }
        if let timeoutSeconds = options.timeoutSeconds { query.append(("timeoutSeconds", String(timeoutSeconds))) }
        let request = KubeRequest.get(client.path(resource, namespace: namespace), query: query)

        let response: HTTPStreamingResponse
        do {
            response = try await client.openStream(request)
        } catch let error as KubeError where error.isGone {
            throw Ending.gone
        }
        var splitter = JSONStreamSplitter()
        for try await chunk in response.body {
            let documents: [Data]
            do {
                documents = try splitter.append(chunk)
            } catch {
                throw KubeError(
                    reason: .unexpectedResponse, code: response.status, message: "the watch stream of \(resource) is not a sequence of JSON events",
                    request: request.summary)
            }
            for document in documents {
                guard let event = try? JSONValue(parsing: document), let type = event["type"]?.stringValue, let object = event["object"]?.objectValue
                else {
                    throw KubeError(
                        reason: .unexpectedResponse, code: response.status, message: "a watch event of \(resource) is not {type, object}",
                        request: request.summary)
                }
                received = true
                let metadata = ObjectMeta(object: object["metadata"]?.objectValue ?? [:])
                switch type {
                case "ERROR":
                    let error = KubeError(status: .object(object), request: request.summary)
                    if error.isGone { throw Ending.gone }
                    throw error
                case "BOOKMARK":
                    if let next = metadata.resourceVersion { version = next }
                    if options.deliverBookmarks { yield(WatchEvent(type: .bookmark, object: object)) }
                case "ADDED", "MODIFIED", "DELETED":
                    var object = object
                    object["apiVersion"] = object["apiVersion"] ?? .string(resource.apiVersion)
                    object["kind"] = object["kind"] ?? .string(resource.kind)
                    let key = Self.key(metadata)
                    if type == "DELETED" {
                        seen[key] = nil
                    } else {
                        seen[key] = Seen(uid: metadata.uid, resourceVersion: metadata.resourceVersion, object: object)
                    }
                    if let next = metadata.resourceVersion { version = next }
                    yield(WatchEvent(type: WatchEventType(rawValue: type), object: object))
                default:
                    client.logger.debug("ignoring a watch event of an unknown type", metadata: ["type": "\(type)"])
                }
            }
        }
    }

    /// Lists the collection, reports how it differs from what was seen, and returns the list's version.
    private func relist(into seen: inout [String: Seen], yield: @Sendable (WatchEvent<Object>) -> Void) async throws -> String? {
        let list = try await client.collectionList(
            resource, namespace: namespace, labelSelector: labelSelector, fieldSelector: fieldSelector, pageSize: 500)
        var current: [String: Seen] = [:]
        for object in list.items {
            let metadata = ObjectMeta(object: object["metadata"]?.objectValue ?? [:])
            let key = Self.key(metadata)
            current[key] = Seen(uid: metadata.uid, resourceVersion: metadata.resourceVersion, object: object)
            if let previous = seen[key] {
                if previous.uid != nil, previous.uid != metadata.uid {
                    yield(WatchEvent(type: .deleted, object: previous.object))
                    yield(WatchEvent(type: .added, object: object))
                } else if previous.resourceVersion != metadata.resourceVersion {
                    yield(WatchEvent(type: .modified, object: object))
                }
            } else {
                yield(WatchEvent(type: .added, object: object))
            }
        }
        for (key, previous) in seen where current[key] == nil {
            yield(WatchEvent(type: .deleted, object: previous.object))
        }
        seen = current
        return list.resourceVersion
    }

    private static func key(_ metadata: ObjectMeta) -> String {
        "\(metadata.namespace ?? "")/\(metadata.name ?? "")"
    }

    /// Failures after which reconnecting may help: broken connections and timeouts, throttling
    /// and server errors.
    static func isRetryable(_ error: any Error) -> Bool {
        if let error = error as? TransportError { return error.isTransient }
        if let error = error as? KubeError {
            return error.isTooManyRequests || error.isTimeout || [500, 502, 503, 504].contains(error.code)
        }
        return false
    }
}
