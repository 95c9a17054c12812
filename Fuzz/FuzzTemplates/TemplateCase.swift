import BlueGreen
import Foundation

/// One rendering decoded from a fuzzing input: a first line of `key=value` options, `--set`
/// lines, then the templates, each after a `#fuzz:<file>` line:
///
/// ```
/// app=web version=v2 namespace=prod replicas=3 image=registry.example/web:v2
/// LOG_LEVEL=debug
/// #fuzz:deployment.yaml
/// apiVersion: apps/v1
/// …
/// #fuzz:service.yaml
/// …
/// ```
///
/// A template left out is the repository's own (`deployment_config/`), so that inputs which
/// vary one file still get past the others.
struct TemplateCase {
    var app = "web"
    var version = "v2"
    var namespace = "default"
    var replicas = 2
    var image = "registry.example/web:v2"
    /// The `--set` values that `TemplateRenderer.parseSetting` accepts.
    var settings: [String: String] = [:]
    /// Template text by file name.
    var templates: [String: String]

    static let marker = "#fuzz:"

    init(_ sections: (preamble: String, sections: [String: String])) {
        templates = sections.sections
        var lines = sections.preamble.split(separator: "\n", omittingEmptySubsequences: false)[...]
        for word in (lines.popFirst() ?? "").split(separator: " ") {
            let pair = word.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2 else { continue }
            let value = String(pair[1])
            switch pair[0] {
            case "app": app = value
            case "version": version = value
            case "namespace": namespace = value
            case "replicas": replicas = Int(value).map { min(max($0, 0), 10_000) } ?? replicas
            case "image": image = value
            default: break
            }
        }
        for line in lines where !line.isEmpty {
            if let setting = try? TemplateRenderer.parseSetting(String(line)) { settings[setting.0] = setting.1 }
        }
    }

    /// The values the engine renders with (as `ManifestSet` sets them) and the `--set` ones.
    var values: [String: String] {
        settings.merging(["APP": app, "VERSION": version, "IMAGE": image, "REPLICAS": "\(replicas)", "NAMESPACE": namespace]) { _, engine in engine }
    }
}
