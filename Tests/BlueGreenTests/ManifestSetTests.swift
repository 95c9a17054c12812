import Foundation
import KubeKit
import TestSupport
import Testing

@testable import BlueGreen

struct ManifestSetTests {
    static var realTemplates: String { Prerequisites.repositoryRoot.appendingPathComponent("deployment_config").path }

    static func manifests(_ directory: String = realTemplates, settings: [String: String] = [:]) throws -> ManifestSet {
        try ManifestSet(directory: directory, app: "web", version: "42", namespace: "shop", replicas: 3, settings: settings)
    }

    /// A scratch templates directory with the real files, one of them replaced.
    static func scratch(_ replace: [String: String]) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for file in [ManifestSet.deploymentFile, ManifestSet.serviceFile] {
            let text = try replace[file] ?? String(contentsOfFile: "\(realTemplates)/\(file)", encoding: .utf8)
            try text.write(to: directory.appendingPathComponent(file), atomically: true, encoding: .utf8)
        }
        return directory.path
    }

    /// The repository's own templates render into a Deployment and Services the engine owns.
    @Test func rendersTheRepositoryTemplates() throws {
        let manifests = try Self.manifests()
        let deployment = try manifests.deployment(image: "r.io/web@sha256:" + String(repeating: "a", count: 64))
        #expect(deployment.name == "web-42")
        #expect(deployment.namespace == "shop")
        #expect(deployment.spec.replicas == 3)
        #expect(deployment.metadata.labels[Names.managedByLabel] == "bluegreen")
        #expect(deployment.spec.selector.matchLabels == ["app.kubernetes.io/name": "web", "app.kubernetes.io/version": "42"])
        #expect(deployment.spec.template.metadata.labels["app.kubernetes.io/version"] == "42")
        #expect(deployment.spec.template.spec.containers.first?.image?.hasSuffix("@sha256:" + String(repeating: "a", count: 64)) == true)
        let service = try manifests.service(version: "41", annotations: ["a": "b"])
        #expect(service.name == "web")
        #expect(service.spec.selector == ["app.kubernetes.io/name": "web", "app.kubernetes.io/version": "41"])
        #expect(service.metadata.annotations["a"] == "b")
        #expect(manifests.hasPreview)
        #expect(try manifests.previewService(version: "42")?.name == "web-preview")
    }

    /// Pod requests come from the containers' resources (100m CPU, 128Mi in the repository's template).
    @Test func readsPodRequests() throws {
        let requests = try Self.manifests().validate(image: "r.io/web:42")
        #expect(requests == Resources(milliCPU: 100, memoryBytes: 128 << 20))
    }

    /// A version that looks like a number stays a string label (the template quotes it).
    @Test func numericVersionStaysAString() throws {
        let manifests = try ManifestSet(directory: Self.realTemplates, app: "web", version: "1e3", namespace: "shop", replicas: 1)
        let deployment = try manifests.deployment(image: "r.io/web:1e3")
        #expect(deployment.metadata.labels["app.kubernetes.io/version"] == "1e3")
    }

    /// Template problems name the file and line and the fix; nothing is sent.
    @Test func brokenTemplatesAreInputErrors() throws {
        let unknown = try Self.scratch([ManifestSet.deploymentFile: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${APP}-${VERSION}\n  annotations: {team: ${TEAM}}\n"])
        #expect(throws: InputError.self) { try Self.manifests(unknown).validate(image: "x") }
        do {
            _ = try Self.manifests(unknown).validate(image: "x")
        } catch let error as InputError {
            #expect(error.message.contains("deployment.yaml:5: unknown placeholder ${TEAM}"))
            #expect(error.message.contains("--set TEAM=VALUE"))
        }
        let wrongKind = try Self.scratch([ManifestSet.serviceFile: "apiVersion: v1\nkind: ConfigMap\n"])
        #expect((try? Self.manifests(wrongKind).validate(image: "x")) == nil)
        let badYAML = try Self.scratch([ManifestSet.serviceFile: "apiVersion: v1\nkind: Service\nspec: [unclosed\n"])
        do {
            _ = try Self.manifests(badYAML).validate(image: "x")
            Issue.record("expected a YAML error")
        } catch let error as InputError {
            #expect(error.message.contains("service.yaml"))
            #expect(error.message.contains("not valid YAML"))
        }
        let wrongName = try Self.scratch([ManifestSet.serviceFile: "apiVersion: v1\nkind: Service\nmetadata: {name: other}\nspec: {ports: [{port: 80}]}\n"])
        do {
            _ = try Self.manifests(wrongName).validate(image: "x")
            Issue.record("expected a naming error")
        } catch let error as InputError {
            #expect(error.message.contains("metadata.name is 'other'"))
        }
    }

    /// A --set value no template uses is reported; a used one is substituted.
    @Test func settingsMustBeUsed() throws {
        #expect(throws: InputError.self) { try Self.manifests(settings: ["TEAM": "a"]).validate(image: "x") }
        let directory = try Self.scratch([ManifestSet.serviceFile: "apiVersion: v1\nkind: Service\nmetadata:\n  annotations: {team: \"${TEAM}\"}\nspec: {ports: [{port: 80}]}\n"])
        let service = try Self.manifests(directory, settings: ["TEAM": "payments"]).service(version: "42", annotations: [:])
        #expect(service.metadata.annotations["team"] == "payments")
    }

    /// A missing templates directory names the path and the option.
    @Test func missingDirectory() throws {
        do {
            _ = try Self.manifests("/nonexistent/templates")
            Issue.record("expected an error")
        } catch let error as InputError {
            #expect(error.message.contains("/nonexistent/templates/deployment.yaml is missing"))
            #expect(error.message.contains("--templates"))
        }
    }
}
