import Foundation
import KubeKit
import Testing

/// The typed models, checked against JSON the real kubectl writes offline.
struct ModelTests {
    /// A Deployment kubectl writes decodes into the right typed values, and the same Deployment
    /// built with KubeKit's initializers means the same JSON.
    @Test func deploymentMatchesKubectl() async throws {
        let written = try await Kubectl.json([
            "create", "deployment", "web", "--image=nginx:1.27", "--replicas=3", "--port=8080", "--dry-run=client", "-o", "json",
        ])
        let deployment = try #require(Deployment(json: written))
        #expect(deployment.apiVersion == "apps/v1")
        #expect(deployment.kind == "Deployment")
        #expect(deployment.name == "web")
        #expect(deployment.metadata.labels == ["app": "web"])
        #expect(deployment.metadata.creationTimestamp == nil)
        #expect(deployment.spec.replicas == 3)
        #expect(deployment.spec.selector.matchLabels == ["app": "web"])
        #expect(deployment.spec.selector.selectorString == "app=web")
        let container = try #require(deployment.spec.template.spec.containers.first)
        #expect(container.name == "nginx")
        #expect(container.image == "nginx:1.27")
        #expect(container.ports.first?.containerPort == 8080)

        let built = Deployment(
            name: "web", labels: ["app": "web"],
            spec: DeploymentSpec(
                replicas: 3, selector: LabelSelector(matchLabels: ["app": "web"]),
                template: PodTemplateSpec(
                    labels: ["app": "web"],
                    spec: PodSpec(containers: [Container(name: "nginx", image: "nginx:1.27", ports: [ContainerPort(containerPort: 8080)])])
                )
            )
        )
        #expect(built.json.withoutEmpties == written.withoutEmpties)
    }

    /// Decoding then encoding what kubectl wrote gives back exactly the same JSON, empty objects
    /// and nulls included.
    @Test func roundTripsKubectlOutputExactly() async throws {
        for arguments in [
            ["create", "deployment", "web", "--image=nginx", "--dry-run=client", "-o", "json"],
            ["create", "service", "clusterip", "web", "--tcp=80:8080", "--dry-run=client", "-o", "json"],
            ["create", "configmap", "settings", "--from-literal=a=b", "--dry-run=client", "-o", "json"],
            ["create", "namespace", "shop", "--dry-run=client", "-o", "json"],
        ] {
            let written = try await Kubectl.json(arguments)
            let encoded = try JSONEncoder().encode(try #require(GenericResource(json: written)))
            #expect(try JSONValue(parsing: encoded) == written, "\(arguments[1])")
        }
        let deployment = try await Kubectl.json(["create", "deployment", "web", "--image=nginx", "--dry-run=client", "-o", "json"])
        let typed = try JSONDecoder().decode(Deployment.self, from: deployment.serialized())
        #expect(try JSONValue(parsing: JSONEncoder().encode(typed)) == deployment)
    }

    /// Service ports from kubectl decode with numeric and named target ports.
    @Test func serviceMatchesKubectl() async throws {
        let numeric = try #require(
            Service(json: try await Kubectl.json(["create", "service", "clusterip", "web", "--tcp=80:8080", "--dry-run=client", "-o", "json"])))
        #expect(numeric.spec.type == "ClusterIP")
        #expect(numeric.spec.selector == ["app": "web"])
        let port = try #require(numeric.spec.ports.first)
        #expect(port.port == 80)
        #expect(port.targetPort == .int(8080))
        #expect(port.protocol == "TCP")
        #expect(port.name == "80-8080")

        let named = try #require(
            Service(json: try await Kubectl.json(["create", "service", "nodeport", "np", "--tcp=80:http", "--dry-run=client", "-o", "json"])))
        #expect(named.spec.type == "NodePort")
        #expect(named.spec.ports.first?.targetPort == .string("http"))

        let built = Service(
            name: "web", labels: ["app": "web"],
            spec: ServiceSpec(
                type: "ClusterIP", selector: ["app": "web"], ports: [ServicePort(name: "80-8080", protocol: "TCP", port: 80, targetPort: 8080)])
        )
        #expect(built.json.withoutEmpties == numeric.json.withoutEmpties)
    }

    /// ConfigMaps and Namespaces from kubectl decode, and built ones mean the same JSON.
    @Test func configMapAndNamespaceMatchKubectl() async throws {
        let configMap = try #require(
            ConfigMap(
                json: try await Kubectl.json([
                    "create", "configmap", "settings", "--from-literal=mode=blue", "--from-literal=x=1", "--dry-run=client", "-o", "json",
                ]))
        )
        #expect(configMap.data == ["mode": "blue", "x": "1"])
        #expect(ConfigMap(name: "settings", data: ["mode": "blue", "x": "1"]).json.withoutEmpties == configMap.json.withoutEmpties)

        let namespace = try #require(Namespace(json: try await Kubectl.json(["create", "namespace", "shop", "--dry-run=client", "-o", "json"])))
        #expect(namespace.name == "shop")
        #expect(Namespace(name: "shop").json.withoutEmpties == namespace.json.withoutEmpties)
    }

    /// Changing typed fields of an object keeps every field the models do not know, at every level.
    @Test func changingTypedFieldsKeepsUnknownFields() async throws {
        var written = try await Kubectl.json(["create", "deployment", "web", "--image=nginx", "--dry-run=client", "-o", "json"])
        written["spec"]?["futureField"] = ["enabled": true]
        written["metadata"]?["annotations"] = ["example.com/owner": "team-a"]
        var containers = try #require(written["spec"]?["template"]?["spec"]?["containers"]?.arrayValue)
        containers[0]["x-vendor-extension"] = ["level": 3]
        written["spec"]?["template"]?["spec"]?["containers"] = .array(containers)

        var deployment = try #require(Deployment(json: written))
        deployment.spec.replicas = 5
        deployment.spec.template.spec.containers[0].image = "nginx:2"
        deployment.metadata.labels["tier"] = "front"

        let result = deployment.json
        #expect(result["spec"]?["futureField"] == ["enabled": true])
        #expect(result["metadata"]?["annotations"]?["example.com/owner"] == "team-a")
        #expect(result["spec"]?["template"]?["spec"]?["containers"]?[0]?["x-vendor-extension"] == ["level": 3])
        #expect(result["spec"]?["template"]?["spec"]?["containers"]?[0]?["image"] == "nginx:2")
        #expect(result["spec"]?["replicas"] == 5)
        #expect(result["metadata"]?["labels"] == ["app": "web", "tier": "front"])
        // Untouched empty objects stay as kubectl wrote them.
        #expect(result["spec"]?["strategy"] == [:])
        #expect(result["status"] == [:])
    }

    /// Status fields decode from what the server writes, timestamps and conditions included.
    @Test func decodesStatusFields() throws {
        let pod = try #require(
            Pod(
                json: try JSONValue(
                    parsing: """
                        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-1","creationTimestamp":"2024-05-01T12:00:00Z",
                         "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-6d4","uid":"u1","controller":true}]},
                         "status":{"phase":"Pending","conditions":[{"type":"PodScheduled","status":"False","reason":"Unschedulable",
                         "message":"0/3 nodes are available","lastTransitionTime":"2024-05-01T12:00:01Z"}],
                         "containerStatuses":[{"name":"web","ready":false,"restartCount":4,"image":"web:1",
                         "state":{"waiting":{"reason":"CrashLoopBackOff","message":"back-off 40s"}},
                         "lastState":{"terminated":{"exitCode":1,"reason":"Error","finishedAt":"2024-05-01T12:00:30.123456Z"}}}]}}
                        """))
        )
        #expect(pod.metadata.creationTimestamp == Date(timeIntervalSince1970: 1_714_564_800))
        #expect(pod.metadata.controllerReference?.name == "web-6d4")
        #expect(pod.status.phase == "Pending")
        #expect(pod.status.conditions.first?.reason == "Unschedulable")
        let container = try #require(pod.status.containerStatuses.first)
        #expect(container.restartCount == 4)
        #expect(container.state.waiting?.reason == "CrashLoopBackOff")
        #expect(container.state.running == nil)
        #expect(container.lastState.terminated?.exitCode == 1)
        #expect(container.lastState.terminated?.finishedAt != nil)
    }

    /// Label selectors render in the query syntax, requirements sorted by key.
    @Test func labelSelectorRendersQuerySyntax() {
        let selector = LabelSelector(
            matchLabels: ["app": "web", "tier": "front"],
            matchExpressions: [
                LabelSelectorRequirement(key: "env", operator: "In", values: ["prod", "dev"]),
                LabelSelectorRequirement(key: "legacy", operator: "DoesNotExist"),
                LabelSelectorRequirement(key: "zone", operator: "NotIn", values: ["b"]),
                LabelSelectorRequirement(key: "canary", operator: "Exists"),
            ]
        )
        #expect(selector.selectorString == "app=web,canary,env in (dev,prod),!legacy,tier=front,zone notin (b)")
    }

    /// Quantities parse in base units with binary and decimal suffixes.
    @Test func quantitiesParse() {
        #expect(Quantity("250m").value == 0.25)
        #expect(Quantity("2").value == 2)
        #expect(Quantity("1Gi").value == 1_073_741_824)
        #expect(Quantity("500M").value == 500_000_000)
        #expect(Quantity("1e3").value == 1000)
        #expect(Quantity("lots").value == nil)
        #expect(Quantity(json: .integer(4))?.text == "4")
    }

    /// Lease times are written as MicroTime, with six fractional digits.
    @Test func leaseTimesAreMicroTime() {
        var spec = LeaseSpec(holderIdentity: "pipeline-7", leaseDurationSeconds: 60)
        spec.renewTime = Date(timeIntervalSince1970: 1_714_564_800.25)
        #expect(spec.object["renewTime"] == "2024-05-01T12:00:00.250000Z")
        #expect(spec.renewTime == Date(timeIntervalSince1970: 1_714_564_800.25))
    }
}
