import Testing

@testable import KubeSandbox

struct SelectorTests {
    let labels: JSONObject = JSONObject([("app", "web"), ("tier", "front"), ("version", "2")])

    /// Equality, inequality, set-based and existence requirements match as on a real server.
    @Test(arguments: [
        ("app=web", true), ("app==web", true), ("app!=web", false), ("app in (web,api)", true),
        ("app notin (web)", false), ("tier", true), ("!canary", true), ("!tier", false),
        ("app=web,tier in (front),version!=1", true), ("missing notin (x)", true), ("", true),
    ])
    func labelSelectors(_ text: String, _ expected: Bool) throws {
        #expect(try LabelSelector.parse(text).matches(labels) == expected)
    }

    /// A malformed selector is a 400 with the real wording.
    @Test func malformedLabelSelector() {
        #expect(throws: APIError.self) { try LabelSelector.parse("app in web") }
    }

    /// Field selectors support the indexed fields and reject the others.
    @Test func fieldSelectors() throws {
        let pod: JSON = ["metadata": ["name": "p", "namespace": "default"], "spec": ["nodeName": "n1"], "status": ["phase": "Running"]]
        #expect(try FieldSelector.parse("status.phase=Running,spec.nodeName=n1", for: ResourceCatalog.pods).matches(pod))
        #expect(try !FieldSelector.parse("status.phase!=Running", for: ResourceCatalog.pods).matches(pod))
        #expect(try FieldSelector.parse("metadata.name=p", for: ResourceCatalog.configMaps).matches(pod))
        do {
            _ = try FieldSelector.parse("spec.replicas=1", for: ResourceCatalog.deployments)
            Issue.record("an unindexed field was accepted")
        } catch let error as APIError {
            #expect(error.code == 400)
            #expect(error.message == "field label not supported: spec.replicas")
        }
    }

    /// Selector objects (matchLabels and matchExpressions) become requirements.
    @Test func selectorObjects() throws {
        let selector = try LabelSelector.fromObject([
            "matchLabels": ["app": "web"], "matchExpressions": [["key": "tier", "operator": "In", "values": ["front"]]],
        ])
        #expect(selector.matches(labels))
        #expect(selector.text == "app=web,tier in (front)")
        #expect(!LabelSelector.fromMap(nil).matches(labels))
    }
}
