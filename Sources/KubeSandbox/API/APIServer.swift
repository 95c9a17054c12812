import Foundation
import Logging

/// Answers Kubernetes API requests from the store: discovery, CRUD, patches, watches, the
/// scale subresource and server-side tables. Authentication, fault injection and the request
/// log wrap every request; the admin endpoint lives under `/sandbox/v1`.
final class APIServer: Sendable {
    let store: ObjectStore
    let authenticator: Authenticator
    let faults: FaultInjector
    let log: RequestLog
    let serverAddress: AddressBox
    let kubernetesVersion: String
    let bookmarkInterval: Duration
    let logger: Logger
    let admin: AdminEndpoint

    init(store: ObjectStore, authenticator: Authenticator, faults: FaultInjector, log: RequestLog, serverAddress: AddressBox,
         kubernetesVersion: String, bookmarkInterval: Duration, logger: Logger, admin: AdminEndpoint) {
        self.store = store
        self.authenticator = authenticator
        self.faults = faults
        self.log = log
        self.serverAddress = serverAddress
        self.kubernetesVersion = kubernetesVersion
        self.bookmarkInterval = bookmarkInterval
        self.logger = logger
        self.admin = admin
    }

    /// Answers one request.
    func handle(_ request: APIRequest) async -> APIResponse {
        let started = Date()
        var verb = request.method.lowercased()
        var fault: String?
        var user = "system:anonymous"
        let response: APIResponse
        do {
            let target = try RequestTarget.parse(request.path)
            verb = Self.verb(request, target)
            let identity = try authenticator.authenticate(request, path: request.path)
            user = identity?.name ?? "system:anonymous"
            if request.path == "/sandbox/v1" || request.path.hasPrefix("/sandbox/v1/") {
                response = try await admin.handle(request, authenticated: identity != nil)
            } else {
                let decision = faults.decide(verb: verb, path: request.path)
                if let latency = decision.latency { try? await Task.sleep(for: latency) }
                if let injected = decision.error {
                    fault = "status \(injected.code)"
                    response = .error(injected)
                } else if decision.conflict, ["create", "update", "patch", "delete"].contains(verb), let target {
                    fault = "conflict"
                    response = .error(APIError.modified(target.type, target.name ?? ""))
                } else {
                    var answer = try await route(request, target: target, verb: verb, watchCloseAfter: decision.closeWatchAfter)
                    if decision.drop {
                        fault = "drop"
                        if case .bytes(let body) = answer.body { answer.dropAfterBytes = body.count / 2 } else { answer.dropAfterBytes = 0 }
                    } else if decision.closeWatchAfter != nil, verb == "watch" {
                        fault = "watch-close"
                    }
                    response = answer
                }
            }
        } catch let error as APIError {
            response = .error(error)
        } catch {
            response = .error(.internalError("\(error)"))
        }
        log.record(RequestRecord(time: started, method: request.method, path: request.path, query: request.query,
                                 verb: verb, status: response.status, user: user, fault: fault))
        return response
    }

    static func versionMetadata(_ version: UInt64) -> JSONObject {
        var metadata = JSONObject()
        metadata["resourceVersion"] = .string(String(version))
        return metadata
    }

    static func verb(_ request: APIRequest, _ target: RequestTarget?) -> String {
        let method = request.method.uppercased()
        guard let target else { return method.lowercased() }
        switch method {
        case "GET", "HEAD":
            if target.legacyWatch || ["true", "1"].contains(request.query["watch"] ?? "") { return "watch" }
            return target.name == nil ? "list" : "get"
        case "POST": return "create"
        case "PUT": return "update"
        case "PATCH": return "patch"
        case "DELETE": return target.name == nil ? "deletecollection" : "delete"
        default: return method.lowercased()
        }
    }

    // MARK: - Routing

    private func route(_ request: APIRequest, target: RequestTarget?, verb: String, watchCloseAfter: Duration?) async throws -> APIResponse {
        guard let target else { return try nonResource(request) }
        switch verb {
        case "get": return try await get(request, target)
        case "list": return try await list(request, target)
        case "watch": return try await watch(request, target, closeAfter: watchCloseAfter)
        case "create": return try await create(request, target)
        case "update": return try await update(request, target)
        case "patch": return try await patch(request, target)
        case "delete": return try await delete(request, target)
        case "deletecollection": return try await deleteCollection(request, target)
        default: throw APIError.methodNotAllowed()
        }
    }

    private func nonResource(_ request: APIRequest) throws -> APIResponse {
        guard request.method == "GET" || request.method == "HEAD" else {
            if ["/healthz", "/livez", "/readyz", "/version", "/api", "/apis"].contains(request.path) { throw APIError.methodNotAllowed() }
            throw APIError.pathNotFound()
        }
        let path = request.path.count > 1 && request.path.hasSuffix("/") ? String(request.path.dropLast()) : request.path
        switch path {
        case "/healthz", "/livez", "/readyz": return .text("ok")
        case "/version":
            let parts = kubernetesVersion.dropFirst().split(separator: ".")
            return .json([
                "major": .string(parts.first.map(String.init) ?? "1"), "minor": .string(parts.count > 1 ? String(parts[1]) : "31"),
                "gitVersion": .string(kubernetesVersion), "gitCommit": "0000000000000000000000000000000000000000",
                "gitTreeState": "clean", "buildDate": "2024-08-13T07:28:49Z", "goVersion": "go1.22.5", "compiler": "gc",
                "platform": "linux/amd64",
            ])
        case "/api": return .json(Discovery.coreVersions(serverAddress: serverAddress.address))
        case "/apis": return .json(Discovery.groups())
        case "/openapi/v3": return .json(OpenAPIDocument.root())
        case "/openapi/v2":
            return APIResponse(status: 200, headers: [("Content-Type", OpenAPIV2Document.mediaType)],
                               body: .bytes(OpenAPIV2Document.protobuf(version: kubernetesVersion)))
        default: break
        }
        let segments = path.split(separator: "/").map(String.init)
        if segments.count == 2, segments[0] == "apis", ResourceCatalog.groupVersions.contains(where: { $0.group == segments[1] }) {
            return .json(Discovery.group(segments[1]))
        }
        if segments.count == 2, segments[0] == "api", let list = Discovery.resources(group: "", version: segments[1]) {
            return .json(list)
        }
        if segments.count == 3, segments[0] == "apis", let list = Discovery.resources(group: segments[1], version: segments[2]) {
            return .json(list)
        }
        if path.hasPrefix("/openapi/v3/"), let document = OpenAPIDocument.groupVersion(String(path.dropFirst("/openapi/v3/".count))) {
            return .json(document)
        }
        throw APIError.pathNotFound()
    }

    // MARK: - Reads

    private func get(_ request: APIRequest, _ target: RequestTarget) async throws -> APIResponse {
        guard let name = target.name else { throw APIError.methodNotAllowed() }
        guard let object = await store.get(target.type, namespace: target.namespace ?? "", name: name) else {
            throw APIError.notFound(target.type, name)
        }
        if target.subresource == "scale" { return .json(ScaleSubresource.scale(of: object.object, type: target.type)) }
        if TableConverter.wantsTable(request.header("Accept")) {
            let table = TableConverter(now: Date()).table(target.type, objects: [object], metadata: Self.versionMetadata(object.resourceVersion), includeObject: request.query["includeObject"])
            return .json(table)
        }
        return .rawJSON(object.encoded)
    }

    static func listOptions(_ request: APIRequest, _ type: ResourceType) throws -> ListOptions {
        var options = ListOptions()
        if let text = request.query["labelSelector"] { options.labelSelector = try LabelSelector.parse(text) }
        if let text = request.query["fieldSelector"] { options.fieldSelector = try FieldSelector.parse(text, for: type) }
        if let text = request.query["limit"] {
            guard let limit = Int(text), limit >= 0 else { throw APIError.badRequest("invalid limit: \(text)") }
            options.limit = limit
        }
        options.continueToken = request.query["continue"]
        options.resourceVersion = request.query["resourceVersion"]
        options.resourceVersionMatch = request.query["resourceVersionMatch"]
        options.allowWatchBookmarks = request.query["allowWatchBookmarks"] == "true"
        if let text = request.query["sendInitialEvents"] { options.sendInitialEvents = text == "true" }
        options.timeoutSeconds = request.query["timeoutSeconds"].flatMap { Int($0) }
        return options
    }

    private func list(_ request: APIRequest, _ target: RequestTarget) async throws -> APIResponse {
        let options = try Self.listOptions(request, target.type)
        if let namespace = target.namespace, target.type.namespaced, options.continueToken == nil {
            _ = namespace
        }
        let page = try await store.list(target.type, namespace: target.namespace, options: options)
        var metadata = JSONObject()
        metadata["resourceVersion"] = .string(String(page.resourceVersion))
        if let token = page.continueToken { metadata["continue"] = .string(token) }
        if let remaining = page.remainingItemCount { metadata["remainingItemCount"] = .int(remaining) }
        if TableConverter.wantsTable(request.header("Accept")) {
            return .json(TableConverter(now: Date()).table(target.type, objects: page.items, metadata: metadata, includeObject: request.query["includeObject"]))
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(page.items.reduce(256) { $0 + $1.listEncoded.count + 1 })
        bytes.append(contentsOf: "{\"kind\":\"\(target.type.kind)List\",\"apiVersion\":\"\(target.type.groupVersion)\",\"metadata\":".utf8)
        JSONWriter.write(.object(metadata), into: &bytes)
        bytes.append(contentsOf: ",\"items\":[".utf8)
        for (index, item) in page.items.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: item.listEncoded)
        }
        bytes.append(contentsOf: "]}".utf8)
        return .rawJSON(bytes)
    }

    private func watch(_ request: APIRequest, _ target: RequestTarget, closeAfter: Duration?) async throws -> APIResponse {
        var options = try Self.listOptions(request, target.type)
        if let name = target.name {
            options.fieldSelector.requirements.append(.init(path: ["metadata", "name"], value: name, negated: false))
        }
        let type = target.type
        let table = TableConverter.wantsTable(request.header("Accept"))
        let includeObject = request.query["includeObject"]
        let encode: @Sendable (String, StoredObject) -> [UInt8] = { kind, object in
            var bytes = Array("{\"type\":\"\(kind)\",\"object\":".utf8)
            if table {
                let converter = TableConverter(now: Date())
                JSONWriter.write(converter.table(type, objects: [object], metadata: Self.versionMetadata(object.resourceVersion), includeObject: includeObject), into: &bytes)
            } else {
                bytes.append(contentsOf: object.encoded)
            }
            bytes.append(contentsOf: "}\n".utf8)
            return bytes
        }
        let encodeError: @Sendable (APIError) -> [UInt8] = { error in
            var bytes = Array("{\"type\":\"ERROR\",\"object\":".utf8)
            JSONWriter.write(error.status, into: &bytes)
            bytes.append(contentsOf: "}\n".utf8)
            return bytes
        }
        let encodeBookmark: @Sendable (UInt64, Bool) -> [UInt8] = { version, initialEnd in
            var metadata: JSON = ["resourceVersion": .string(String(version)), "creationTimestamp": nil]
            if initialEnd { metadata["annotations"] = ["k8s.io/initial-events-end": "true"] }
            let object: JSON = ["kind": .string(type.kind), "apiVersion": .string(type.groupVersion), "metadata": metadata]
            var bytes = Array("{\"type\":\"BOOKMARK\",\"object\":".utf8)
            JSONWriter.write(object, into: &bytes)
            bytes.append(contentsOf: "}\n".utf8)
            return bytes
        }
        let (id, source) = await store.watch(type, namespace: target.namespace, options: options, encode: encode,
                                             encodeError: encodeError, encodeBookmark: encodeBookmark)
        let store = self.store
        let (output, continuation) = AsyncStream<[UInt8]>.makeStream()
        let pump = Task {
            for await chunk in source { continuation.yield(chunk) }
            continuation.finish()
        }
        var timers: [Task<Void, Never>] = []
        if options.allowWatchBookmarks {
            let interval = bookmarkInterval
            timers.append(Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: interval)
                    if Task.isCancelled { break }
                    await store.bookmark(type, id) { encodeBookmark($0, false) }
                }
            })
        }
        var limit: Duration = .seconds(options.timeoutSeconds ?? 1800)
        if let closeAfter, closeAfter < limit { limit = closeAfter }
        timers.append(Task { [limit] in
            try? await Task.sleep(for: limit)
            if !Task.isCancelled { await store.removeWatcher(type, id) }
        })
        continuation.onTermination = { [timers] _ in
            pump.cancel()
            for timer in timers { timer.cancel() }
            Task { await store.removeWatcher(type, id) }
        }
        return APIResponse(status: 200, headers: [("Content-Type", table ? "application/json;as=Table;v=v1;g=meta.k8s.io" : "application/json"),
                                                  ("Transfer-Encoding", "chunked")], body: .stream(output))
    }

    // MARK: - Writes

    static func context(_ request: APIRequest, defaultManager: String? = nil) -> WriteContext {
        var manager = request.query["fieldManager"] ?? defaultManager ?? ""
        if manager.isEmpty {
            let agent = request.header("User-Agent") ?? "unknown"
            manager = String(agent.split(separator: "/").first ?? "unknown")
        }
        return WriteContext(manager: manager, dryRun: request.query["dryRun"] == "All")
    }

    private func parseBody(_ request: APIRequest) throws -> JSON {
        guard !request.body.isEmpty else { throw APIError.badRequest("the body of the request is empty; send a JSON object") }
        let contentType = request.header("Content-Type") ?? "application/json"
        if contentType.contains("yaml") {
            let documents = try JSON.documents(fromYAML: String(decoding: request.body, as: UTF8.self))
            guard let first = documents.first else { throw APIError.badRequest("the body of the request holds no document") }
            return first
        }
        do {
            return try JSON(parsing: request.body)
        } catch {
            throw APIError.badRequest("the body of the request could not be decoded: \(error)")
        }
    }

    private func namespaceOrThrow(_ target: RequestTarget) throws -> String {
        if target.type.namespaced {
            guard let namespace = target.namespace else { throw APIError.methodNotAllowed() }
            return namespace
        }
        return ""
    }

    private func create(_ request: APIRequest, _ target: RequestTarget) async throws -> APIResponse {
        guard target.name == nil else { throw APIError.methodNotAllowed() }
        let namespace = try namespaceOrThrow(target)
        let body = try parseBody(request)
        let stored = try await store.create(target.type, namespace: namespace, body: body, context: Self.context(request))
        return .rawJSON(stored.encoded, status: 201)
    }

    private func update(_ request: APIRequest, _ target: RequestTarget) async throws -> APIResponse {
        guard let name = target.name else { throw APIError.methodNotAllowed() }
        let namespace = try namespaceOrThrow(target)
        let body = try parseBody(request)
        if target.subresource == "scale" {
            return try await updateScale(target, namespace: namespace, name: name, context: Self.context(request)) { current in
                if let version = body.string(at: "metadata", "resourceVersion"), !version.isEmpty,
                   version != current.string(at: "metadata", "resourceVersion") {
                    throw APIError.modified(target.type, name)
                }
                return body
            }
        }
        if target.subresource == "finalize" {
            return try await finalizeNamespace(name: name, body: body)
        }
        let (stored, created) = try await store.update(target.type, namespace: namespace, name: name, body: body,
                                                       subresource: target.subresource, context: Self.context(request))
        return .rawJSON(stored.encoded, status: created ? 201 : 200)
    }

    private func finalizeNamespace(name: String, body: JSON) async throws -> APIResponse {
        let stored = try await store.finalizeNamespace(name, finalizers: body.value(at: ["spec", "finalizers"]))
        return .rawJSON(stored.encoded)
    }

    private func updateScale(_ target: RequestTarget, namespace: String, name: String, context: WriteContext,
                             transform: @Sendable (JSON) throws -> JSON) async throws -> APIResponse {
        guard let current = await store.get(target.type, namespace: namespace, name: name) else { throw APIError.notFound(target.type, name) }
        let scale = ScaleSubresource.scale(of: current.object, type: target.type)
        let updated = try transform(scale)
        guard let replicas = updated.int(at: "spec", "replicas"), replicas >= 0 else {
            throw APIError(code: 422, reason: "Invalid", message: "Scale.autoscaling \"\(name)\" is invalid: spec.replicas: Invalid value: \(updated.value(at: ["spec", "replicas"]) ?? .null): must be greater than or equal to 0",
                           name: name, group: "autoscaling", kind: "Scale",
                           causes: [APIError.invalidValue("spec.replicas", "\(updated.value(at: ["spec", "replicas"]) ?? .null)", "must be greater than or equal to 0")])
        }
        var object = current.object
        object.setValue(.int(replicas), at: ["spec", "replicas"])
        let (stored, _) = try await store.update(target.type, namespace: namespace, name: name, body: object, subresource: nil, context: context)
        return .json(ScaleSubresource.scale(of: stored.object, type: target.type))
    }

    private func patch(_ request: APIRequest, _ target: RequestTarget) async throws -> APIResponse {
        guard let name = target.name else { throw APIError.methodNotAllowed() }
        let namespace = try namespaceOrThrow(target)
        let contentType = (request.header("Content-Type") ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        var context = Self.context(request)
        let patchBody: JSON
        if contentType == "application/apply-patch+yaml" {
            guard request.query["fieldManager"].map({ !$0.isEmpty }) ?? false else {
                throw APIError.badRequest("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch")
            }
            patchBody = try parseBody(APIRequest(method: request.method, path: request.path, query: request.query,
                                                 headers: [("Content-Type", "application/yaml")], body: request.body))
        } else if ["application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json"].contains(contentType) {
            patchBody = try parseBody(APIRequest(method: request.method, path: request.path, query: request.query,
                                                 headers: [("Content-Type", "application/json")], body: request.body))
        } else {
            throw APIError.unsupportedMediaType(contentType)
        }
        let apply: @Sendable (JSON) throws -> JSON = { current in
            switch contentType {
            case "application/json-patch+json": return try JSONPatch.apply(patchBody, to: current)
            case "application/merge-patch+json": return JSONMergePatch.apply(patchBody, to: current)
            default: return try StrategicMergePatch.apply(patchBody, to: current)
            }
        }
        if target.subresource == "scale" {
            if contentType == "application/apply-patch+yaml" { throw APIError.unsupportedMediaType(contentType) }
            return try await updateScale(target, namespace: namespace, name: name, context: context) { scale in
                let patched = try apply(scale)
                if let version = patched.string(at: "metadata", "resourceVersion"), version != scale.string(at: "metadata", "resourceVersion") {
                    throw APIError.modified(target.type, name)
                }
                return patched
            }
        }
        if contentType == "application/apply-patch+yaml" {
            context.manager = request.query["fieldManager"] ?? context.manager
            let (stored, created) = try await store.apply(target.type, namespace: namespace, name: name, config: patchBody,
                                                          subresource: target.subresource, force: request.query["force"] == "true", context: context)
            return .rawJSON(stored.encoded, status: created ? 201 : 200)
        }
        let stored = try await store.patch(target.type, namespace: namespace, name: name, subresource: target.subresource,
                                           context: context, transform: apply)
        return .rawJSON(stored.encoded)
    }

    private func delete(_ request: APIRequest, _ target: RequestTarget) async throws -> APIResponse {
        guard let name = target.name, target.subresource == nil else { throw APIError.methodNotAllowed() }
        let namespace = try namespaceOrThrow(target)
        let body = request.body.isEmpty ? nil : try parseBody(request)
        let options = try DeleteOptions.parse(body: body, query: request.query)
        let deletion = try await store.delete(target.type, namespace: namespace, name: name, options: options)
        if deletion.removed {
            return .json([
                "kind": "Status", "apiVersion": "v1", "metadata": .object(JSONObject()), "status": "Success",
                "details": ["name": .string(name), "group": .string(target.type.group), "kind": .string(target.type.resource),
                            "uid": .string(deletion.object.uid)],
            ])
        }
        return .rawJSON(deletion.object.encoded, status: options.propagation == .foreground || options.propagation == .orphan ? 200 : 200)
    }

    private func deleteCollection(_ request: APIRequest, _ target: RequestTarget) async throws -> APIResponse {
        let options = try Self.listOptions(request, target.type)
        let body = request.body.isEmpty ? nil : try parseBody(request)
        let deleteOptions = try DeleteOptions.parse(body: body, query: request.query)
        let deleted = try await store.deleteCollection(target.type, namespace: target.namespace, options: options, deleteOptions: deleteOptions)
        var bytes = Array("{\"kind\":\"\(target.type.kind)List\",\"apiVersion\":\"\(target.type.groupVersion)\",\"metadata\":{},\"items\":[".utf8)
        for (index, object) in deleted.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: object.listEncoded)
        }
        bytes.append(contentsOf: "]}".utf8)
        return .rawJSON(bytes)
    }
}
