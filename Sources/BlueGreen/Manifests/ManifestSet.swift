import Foundation
import KubeKit

/// The app's manifest templates (`deployment_config/`): a Deployment, a Service and an optional
/// preview Service, rendered for one version and checked before anything is sent.
///
/// The engine owns the names and the labels the switch depends on, so it sets them: the
/// Deployment is `<app>-<version>` with `app.kubernetes.io/name`, `…/version` and
/// `…/managed-by: bluegreen` on itself, its selector and its pod template; the Service is `<app>`
/// and selects the active version. A template that names them otherwise is refused.
public struct ManifestSet: Sendable {
    public static let deploymentFile = "deployment.yaml"
    public static let serviceFile = "service.yaml"
    public static let previewServiceFile = "preview-service.yaml"

    public let directory: String
    let deploymentTemplate: String
    let serviceTemplate: String
    let previewTemplate: String?
    public let app: String
    public let version: String
    public let namespace: String
    public let replicas: Int
    /// `--set` values.
    public let settings: [String: String]

    /// Reads the templates from `directory`.
    /// - Throws: ``InputError`` naming a missing or unreadable file.
    public init(directory: String, app: String, version: String, namespace: String, replicas: Int, settings: [String: String] = [:]) throws(InputError) {
        self.directory = directory
        self.app = app
        self.version = version
        self.namespace = namespace
        self.replicas = replicas
        self.settings = settings
        deploymentTemplate = try Self.read(directory, Self.deploymentFile, required: true) ?? ""
        serviceTemplate = try Self.read(directory, Self.serviceFile, required: true) ?? ""
        previewTemplate = try Self.read(directory, Self.previewServiceFile, required: false)
    }

    /// Whether the templates include a preview Service.
    public var hasPreview: Bool { previewTemplate != nil }

    /// Renders and checks every template with `image`, so that a broken template fails the
    /// pipeline before the lock is taken. Returns what one pod of the version requests.
    public func validate(image: String) throws(InputError) -> Resources {
        let deployment = try deployment(image: image)
        _ = try service(version: version, annotations: [:])
        _ = try previewService(version: version)
        let unused = Set(settings.keys).subtracting(
            [deploymentTemplate, serviceTemplate, previewTemplate ?? ""].reduce(into: Set<String>()) { $0.formUnion(TemplateRenderer.placeholders(in: $1)) })
        if let name = unused.sorted().first {
            throw InputError("--set \(name)=… is not used by any template in \(directory); remove it or add ${\(name)} to a template")
        }
        return Self.podRequests(deployment)
    }

    /// The Deployment of this version, running `image`.
    public func deployment(image: String) throws(InputError) -> Deployment {
        let file = path(Self.deploymentFile)
        var deployment = Deployment(object: try object(deploymentTemplate, file: file, image: image, kind: "Deployment", apiVersion: "apps/v1"))
        let name = Names.deployment(app: app, version: version)
        try own(&deployment.metadata, name: name, file: file)
        let labels = versionLabels
        var selector = deployment.spec.selector
        for (key, value) in labels where selector.matchLabels[key] != value {
            guard selector.matchLabels[key] == nil else {
                throw InputError("\(file): spec.selector.matchLabels.\(key) is '\(selector.matchLabels[key] ?? "")'; it must be '\(value)' (or be left out)")
            }
            selector.matchLabels[key] = value
        }
        deployment.spec.selector = selector
        var template = deployment.spec.template
        template.metadata.labels.merge(labels) { _, engine in engine }
        template.metadata.labels[Names.managedByLabel] = Names.managedByValue
        deployment.spec.template = template
        deployment.spec.replicas = replicas
        guard !deployment.spec.template.spec.containers.isEmpty else {
            throw InputError("\(file): the Deployment has no containers (spec.template.spec.containers)")
        }
        for container in deployment.spec.template.spec.containers where (container.image ?? "").isEmpty {
            throw InputError("\(file): container '\(container.name ?? "?")' has no image; use image: \"${IMAGE}\"")
        }
        return deployment
    }

    /// The Service `<app>`, selecting `version`, with `annotations` added.
    public func service(version: String, annotations: [String: String]) throws(InputError) -> Service {
        var service = try makeService(serviceTemplate, file: path(Self.serviceFile), name: Names.service(app: app), version: version)
        service.metadata.annotations.merge(annotations) { _, new in new }
        return service
    }

    /// The preview Service `<app>-preview`, selecting `version`; `nil` without a template.
    public func previewService(version: String) throws(InputError) -> Service? {
        guard let previewTemplate else { return nil }
        return try makeService(previewTemplate, file: path(Self.previewServiceFile), name: Names.previewService(app: app), version: version)
    }

    /// The labels that identify this version.
    public var versionLabels: [String: String] {
        [Names.nameLabel: app, Names.versionLabel: version]
    }

    // MARK: - Rendering

    private func makeService(_ template: String, file: String, name: String, version: String) throws(InputError) -> Service {
        var service = Service(object: try object(template, file: file, image: "", kind: "Service", apiVersion: "v1"))
        try own(&service.metadata, name: name, file: file)
        var selector = service.spec.selector
        selector[Names.nameLabel] = app
        selector[Names.versionLabel] = version
        service.spec.selector = selector
        guard !service.spec.ports.isEmpty else {
            throw InputError("\(file): the Service has no ports (spec.ports)")
        }
        return service
    }

    /// Renders a template and reads its single object of the expected kind.
    private func object(_ template: String, file: String, image: String, kind: String, apiVersion: String) throws(InputError) -> [String: JSONValue] {
        var values = settings
        values["APP"] = app
        values["VERSION"] = version
        values["IMAGE"] = image
        values["REPLICAS"] = "\(replicas)"
        values["NAMESPACE"] = namespace
        let rendered: String
        do {
            rendered = try TemplateRenderer(values: values).render(template, file: file)
        } catch {
            throw InputError(error.description)
        }
        let documents: [JSONValue]
        do {
            documents = try YAMLDocuments.parse(rendered, file: file)
        } catch {
            throw InputError("\(error)")
        }
        guard documents.count == 1, let object = documents[0].objectValue else {
            throw InputError("\(file): expected exactly one \(kind) object, found \(documents.count) document(s)")
        }
        guard object["kind"]?.stringValue == kind else {
            throw InputError("\(file): kind is '\(object["kind"]?.stringValue ?? "missing")'; this file must hold a \(kind)")
        }
        guard object["apiVersion"]?.stringValue == apiVersion else {
            throw InputError("\(file): apiVersion is '\(object["apiVersion"]?.stringValue ?? "missing")'; a \(kind) must use \(apiVersion)")
        }
        return object
    }

    /// Sets (or checks) the name, namespace and engine labels of an object the engine owns.
    private func own(_ metadata: inout ObjectMeta, name: String, file: String) throws(InputError) {
        if let given = metadata.name, given != name {
            throw InputError("\(file): metadata.name is '\(given)'; the engine names this object '\(name)' (leave the name out or use the placeholders)")
        }
        if let given = metadata.namespace, given != namespace {
            throw InputError("\(file): metadata.namespace is '\(given)' but the deploy targets '\(namespace)'; use namespace: \"${NAMESPACE}\" or leave it out")
        }
        metadata.name = name
        metadata.namespace = namespace
        for (key, value) in versionLabels where metadata.labels[key] != nil && metadata.labels[key] != value && key == Names.nameLabel {
            throw InputError("\(file): label \(key) is '\(metadata.labels[key] ?? "")'; it must be '\(value)'")
        }
        metadata.labels[Names.nameLabel] = app
        metadata.labels[Names.managedByLabel] = Names.managedByValue
    }

    private func path(_ file: String) -> String {
        directory.hasSuffix("/") ? directory + file : directory + "/" + file
    }

    private static func read(_ directory: String, _ file: String, required: Bool) throws(InputError) -> String? {
        let path = directory.hasSuffix("/") ? directory + file : directory + "/" + file
        guard FileManager.default.fileExists(atPath: path) else {
            if required {
                throw InputError("\(path) is missing; the templates directory (--templates, default deployment_config) needs \(deploymentFile) and \(serviceFile)")
            }
            return nil
        }
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw InputError("cannot read \(path): \(error.localizedDescription)")
        }
    }

    /// What one pod requests: the sum over its containers (init containers run first, so the
    /// largest of them counts if it is bigger), as the scheduler computes it.
    static func podRequests(_ deployment: Deployment) -> Resources {
        let spec = deployment.spec.template.spec
        func requests(_ container: Container) -> Resources {
            let values = container.resources.requests
            return Resources(
                milliCPU: Int64(((values["cpu"]?.value ?? 0) * 1000).rounded(.up)),
                memoryBytes: Int64((values["memory"]?.value ?? 0).rounded(.up)))
        }
        let running = spec.containers.map(requests).reduce(Resources.zero, +)
        let initial = spec.initContainers.map(requests)
        let cpu = max(running.milliCPU, initial.map(\.milliCPU).max() ?? 0)
        let memory = max(running.memoryBytes, initial.map(\.memoryBytes).max() ?? 0)
        return Resources(milliCPU: cpu, memoryBytes: memory)
    }
}
