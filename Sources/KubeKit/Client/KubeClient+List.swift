import Foundation

extension KubeClient {
    /// Lists a collection page by page (`limit` and `continue`) and gathers every item. When a
    /// continue token expires mid-way (410), the list starts over without paging, as client-go's
    /// pager does, so the result is still one consistent snapshot.
    func collectionList(
        _ resource: APIResource, namespace: String?, labelSelector: String?, fieldSelector: String?, pageSize: Int
    ) async throws -> (items: [[String: JSONValue]], resourceVersion: String?) {
        let listPath = path(resource, namespace: collectionNamespace(resource, given: namespace))
        var base: [(name: String, value: String)] = []
        if let labelSelector, !labelSelector.isEmpty { base.append(("labelSelector", labelSelector)) }
        if let fieldSelector, !fieldSelector.isEmpty { base.append(("fieldSelector", fieldSelector)) }

        var items: [[String: JSONValue]] = []
        var resourceVersion: String?
        var token: String?
        var paging = pageSize > 0
        while true {
            var query = base
            if paging { query.append(("limit", String(pageSize))) }
            if let token { query.append(("continue", token)) }
            let page: [String: JSONValue]
            do {
                page = try await sendForObject(.get(listPath, query: query))
            } catch let error as KubeError where error.isGone && token != nil {
                logger.debug("list continuation expired; listing again without paging", metadata: ["path": "\(listPath)"])
                items.removeAll()
                resourceVersion = nil
                token = nil
                paging = false
                continue
            }
            let metadata = ListMeta(object: page["metadata"]?.objectValue ?? [:])
            if resourceVersion == nil { resourceVersion = metadata.resourceVersion }
            for item in page["items"]?.arrayValue ?? [] {
                guard var object = item.objectValue else { continue }
                // Items of a list arrive without apiVersion and kind.
                object["apiVersion"] = object["apiVersion"] ?? .string(resource.apiVersion)
                object["kind"] = object["kind"] ?? .string(resource.kind)
                items.append(object)
            }
            token = metadata.continue.flatMap { $0.isEmpty ? nil : $0 }
            if token == nil { break }
        }
        return (items, resourceVersion)
    }
}
