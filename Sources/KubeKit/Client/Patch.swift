import Foundation

/// A change to send with PATCH: a JSON merge patch, a strategic merge patch, a JSON patch, or a
/// server-side apply configuration.
///
/// Patches are the safe way to change objects: fields the patch does not mention stay as they
/// are on the server, including fields this client does not model. To make a patch fail with
/// 409 Conflict when the object changed since it was read, pass its `resourceVersion`.
public struct Patch: Sendable {
    /// The `Content-Type` that selects the patch strategy.
    public var contentType: String
    /// The patch document.
    public var body: JSONValue
    /// The field manager, required for apply.
    var fieldManager: String?
    /// Whether apply takes fields over from other managers.
    var force: Bool
    /// Whether repeating the patch cannot change the outcome (merge and apply patches); JSON
    /// patches may append, so they are never repeated blindly.
    var isIdempotent: Bool

    /// `application/merge-patch+json` (RFC 7386): objects merge, `null` deletes, lists are
    /// replaced whole.
    public static func merge(_ patch: JSONValue, resourceVersion: String? = nil) -> Patch {
        Patch(contentType: "application/merge-patch+json", body: guarded(patch, resourceVersion), force: false, isIdempotent: true)
    }

    /// `application/strategic-merge-patch+json`: like a merge patch, but lists such as
    /// containers and ports merge by their key (built-in kinds only).
    public static func strategicMerge(_ patch: JSONValue, resourceVersion: String? = nil) -> Patch {
        Patch(contentType: "application/strategic-merge-patch+json", body: guarded(patch, resourceVersion), force: false, isIdempotent: true)
    }

    /// `application/json-patch+json` (RFC 6902). With `resourceVersion`, a `replace` of
    /// `/metadata/resourceVersion` is appended, which the server treats as a precondition.
    public static func json(_ operations: [JSONPatchOperation], resourceVersion: String? = nil) -> Patch {
        var all = operations
        if let resourceVersion { all.append(.replace("/metadata/resourceVersion", .string(resourceVersion))) }
        return Patch(contentType: "application/json-patch+json", body: .array(all.map(\.json)), force: false, isIdempotent: false)
    }

    /// Server-side apply (`application/apply-patch+yaml`, sent as JSON): the fields in
    /// `configuration` become owned by `fieldManager`. A field another manager owns is a 409
    /// Conflict unless `force` takes it over.
    public static func apply(_ configuration: JSONValue, fieldManager: String, force: Bool = false) -> Patch {
        Patch(contentType: "application/apply-patch+yaml", body: configuration, fieldManager: fieldManager, force: force, isIdempotent: true)
    }

    /// Server-side apply of a typed object (it must carry apiVersion, kind and metadata.name).
    public static func apply(_ object: some JSONObjectModel, fieldManager: String, force: Bool = false) -> Patch {
        apply(object.json, fieldManager: fieldManager, force: force)
    }

    private static func guarded(_ patch: JSONValue, _ resourceVersion: String?) -> JSONValue {
        guard let resourceVersion else { return patch }
        var guardedPatch = patch
        var metadata = guardedPatch["metadata"] ?? .object([:])
        metadata["resourceVersion"] = .string(resourceVersion)
        guardedPatch["metadata"] = metadata
        return guardedPatch
    }
}
