/// The OpenAPI v2 document (gnostic `openapi.v2.Document`, protobuf-encoded) that kubectl 1.27
/// and 1.28 read before `apply`/`create` to learn whether the server validates fields itself.
/// Like the v3 one, it lists each kind's PATCH operation with its `fieldValidation` parameter
/// and no schemas.
enum OpenAPIV2Document {
    static let mediaType = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf"

    static func protobuf(version: String) -> [UInt8] {
        var document = ProtobufWriter()
        document.string(1, "2.0")
        document.message(2) { info in
            info.string(1, "Kubernetes")
            info.string(2, version)
        }
        document.message(8) { paths in
            for type in ResourceCatalog.all {
                let prefix = type.groupVersionPath
                let path = type.namespaced ? "\(prefix)/namespaces/{namespace}/\(type.resource)/{name}" : "\(prefix)/\(type.resource)/{name}"
                paths.message(2) { named in
                    named.string(1, path)
                    named.message(2) { item in
                        item.message(8) { operation in
                            operation.string(5, "patch\(type.kind)")
                            for name in ["dryRun", "fieldManager", "fieldValidation", "force"] {
                                operation.message(8) { parametersItem in
                                    parametersItem.message(1) { parameter in
                                        parameter.message(2) { nonBody in
                                            nonBody.message(3) { query in
                                                query.string(2, "query")
                                                query.string(4, name)
                                                query.string(6, name == "force" ? "boolean" : "string")
                                            }
                                        }
                                    }
                                }
                            }
                            operation.message(13) { ext in
                                ext.string(1, "x-kubernetes-action")
                                ext.message(2) { any in any.string(2, "patch\n") }
                            }
                            operation.message(13) { ext in
                                ext.string(1, "x-kubernetes-group-version-kind")
                                ext.message(2) { any in
                                    any.string(2, "group: \"\(type.group)\"\nkind: \(type.kind)\nversion: \(type.version)\n")
                                }
                            }
                        }
                    }
                }
            }
        }
        return document.bytes
    }
}
