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
                if document["kind"].stringValue == "List" || (document["kind"].stringValue ?? "").hasSuffix("List"),
                    let items = document["items"].arrayValue
                {
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
