import BlueGreen
import Foundation
import FuzzSupport
import KubeKit

/// The folder the templates of each input are written to (one per process, reused).
let workDirectory: String = {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-templates-\(ProcessInfo.processInfo.processIdentifier)").path
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}()

/// The repository's own templates, used for the files an input leaves out.
let defaultTemplates: [String: String] = {
    var templates: [String: String] = [:]
    let folder = ProcessInfo.processInfo.environment["BLUEGREEN_TEMPLATES"] ?? "deployment_config"
    for file in [ManifestSet.deploymentFile, ManifestSet.serviceFile, ManifestSet.previewServiceFile] {
        templates[file] = try? String(contentsOfFile: "\(folder)/\(file)", encoding: .utf8)
    }
    return templates
}()

/// libFuzzer entry point: renders every template of the input with `TemplateRenderer`, then the
/// whole set with `ManifestSet` as `bluegreen-deploy` does, and checks what the engine promises.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTemplates(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let templateCase = TemplateCase(FuzzInput(data, size).sections(marker: TemplateCase.marker))
    for (file, text) in templateCase.templates { checkRendering(text, file: file, values: templateCase.values) }
    guard (try? Names.validateApp(templateCase.app)) != nil, (try? Names.validateVersion(templateCase.version, app: templateCase.app)) != nil else { return 0 }
    for file in [ManifestSet.deploymentFile, ManifestSet.serviceFile, ManifestSet.previewServiceFile] {
        let path = "\(workDirectory)/\(file)"
        if let text = templateCase.templates[file] ?? defaultTemplates[file] {
            FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        } else {
            try? FileManager.default.removeItem(atPath: path)
        }
    }
    checkManifests(templateCase)
    return 0
}

/// `TemplateRenderer` alone: text without `$` comes back unchanged; a success leaves no
/// placeholder without a value; every problem names a line of the file.
func checkRendering(_ text: String, file: String, values: [String: String]) {
    let renderer = TemplateRenderer(values: values)
    do {
        let output = try renderer.render(text, file: file)
        if !text.contains("$") { invariant(output == text, "text without '$' renders unchanged") }
        let missing = TemplateRenderer.placeholders(in: text).subtracting(values.keys)
        invariant(missing.isEmpty, "a successful rendering used every placeholder that placeholders(in:) reports, but \(missing) has no value")
    } catch {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
        invariant(!error.problems.isEmpty, "a rendering error has at least one problem")
        for problem in error.problems {
            invariant(problem.file == file && (1...lines).contains(problem.line), "problem \(problem) names line \(problem.line) of \(lines) in \(file)")
        }
    }
}

/// `ManifestSet`: a set that validates has the engine's names, namespace, labels, selector and
/// replicas, whatever the templates said.
func checkManifests(_ templateCase: TemplateCase) {
    guard
        let set = try? ManifestSet(
            directory: workDirectory, app: templateCase.app, version: templateCase.version, namespace: templateCase.namespace,
            replicas: templateCase.replicas, settings: templateCase.settings),
        (try? set.validate(image: templateCase.image)) != nil
    else { return }
    let labels = set.versionLabels
    do {
        let deployment = try set.deployment(image: templateCase.image)
        invariant(deployment.metadata.name == Names.deployment(app: set.app, version: set.version), "the Deployment is named <app>-<version>")
        invariant(deployment.metadata.namespace == set.namespace, "the Deployment is in the deploy's namespace")
        invariant(deployment.spec.replicas == set.replicas, "the Deployment has the deploy's replicas")
        for (key, value) in labels {
            invariant(deployment.spec.selector.matchLabels[key] == value, "the selector has \(key)=\(value)")
            invariant(deployment.spec.template.metadata.labels[key] == value, "the pod template has \(key)=\(value)")
        }
        invariant(deployment.metadata.labels[Names.managedByLabel] == Names.managedByValue, "the Deployment is marked as managed by bluegreen")
        invariant(!deployment.spec.template.spec.containers.isEmpty, "a valid Deployment has containers")

        let service = try set.service(version: set.version, annotations: ["fuzz": "1"])
        invariant(service.metadata.name == Names.service(app: set.app), "the Service is named <app>")
        invariant(service.metadata.namespace == set.namespace, "the Service is in the deploy's namespace")
        for (key, value) in labels { invariant(service.spec.selector[key] == value, "the Service selects \(key)=\(value)") }
        invariant(service.metadata.annotations["fuzz"] == "1", "the Service carries the annotations asked for")
        if let preview = try set.previewService(version: set.version) {
            invariant(preview.metadata.name == Names.previewService(app: set.app), "the preview Service is named <app>-preview")
            for (key, value) in labels { invariant(preview.spec.selector[key] == value, "the preview Service selects \(key)=\(value)") }
        }
    } catch {
        invariant(false, "validate(image:) succeeded but building the objects again failed: \(error)")
    }
}
