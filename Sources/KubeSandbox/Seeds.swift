import Foundation

/// Objects to create at start, read from YAML/JSON text and files.
struct Seeds: Sendable {
    struct Document: Sendable {
        var source: String
        var object: JSON
    }

    var documents: [Document]

    static func load(documents texts: [String], paths: [String]) throws -> Seeds {
        var documents: [Document] = []
        func add(_ text: String, source: String) throws {
            let parsed: [JSON]
            do {
                parsed = try JSON.documents(fromYAML: text)
            } catch let error as SandboxError {
                throw SandboxError(.invalidSeed, "seed \(source): \(error.message)")
            }
            for document in parsed {
                if document["kind"].stringValue == "List" || (document["kind"].stringValue ?? "").hasSuffix("List"), let items = document["items"].arrayValue {
                    documents += items.map { Document(source: source, object: $0) }
                } else {
                    documents.append(Document(source: source, object: document))
                }
            }
        }
        for (index, text) in texts.enumerated() { try add(text, source: "document \(index + 1)") }
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw SandboxError(.invalidSeed, "seed path \(path) does not exist; pass a YAML/JSON file or a directory of them")
            }
            var files = [path]
            if isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                files = names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || $0.hasSuffix(".json") }.sorted().map { "\(path)/\($0)" }
            }
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw SandboxError(.fileError, "cannot read seed file \(file); check its permissions")
                }
                try add(String(decoding: data, as: UTF8.self), source: file)
            }
        }
        return Seeds(documents: documents)
    }
}

extension ObjectStore {
    /// Creates the seed objects (and any namespace they name that does not exist yet).
    func seed(_ seeds: Seeds) throws {
        for document in seeds.documents {
            let object = document.object
            let apiVersion = object["apiVersion"].stringValue ?? ""
            let kind = object["kind"].stringValue ?? ""
            guard let type = ResourceCatalog.lookup(apiVersion: apiVersion, kind: kind) else {
                throw SandboxError(.invalidSeed, "seed \(document.source): the sandbox does not serve \(kind.isEmpty ? "documents without a kind" : "\(apiVersion) \(kind)"); use one of the kinds listed by `kubectl api-resources`")
            }
            let namespace = type.namespaced ? (object.string(at: "metadata", "namespace") ?? "default") : ""
            do {
                if type.namespaced, get(ResourceCatalog.namespaces, namespace: "", name: namespace) == nil {
                    _ = try create(ResourceCatalog.namespaces, namespace: "", body: ["metadata": ["name": .string(namespace)]],
                                   context: WriteContext(manager: "kube-sandbox"))
                }
                _ = try create(type, namespace: namespace, body: object, context: WriteContext(manager: "kube-sandbox"))
            } catch let error as APIError {
                throw SandboxError(.invalidSeed, "seed \(document.source): \(error.message)")
            }
        }
    }
}
