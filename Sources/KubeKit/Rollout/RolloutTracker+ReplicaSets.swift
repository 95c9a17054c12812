extension RolloutTracker {
    /// The label with which the deployment controller tells the ReplicaSets of one template apart.
    static let templateHashLabel = "pod-template-hash"
    /// The annotation holding a Deployment's (and its ReplicaSets') revision.
    static let revisionAnnotation = "deployment.kubernetes.io/revision"

    /// The Deployment's new ReplicaSet: one it controls whose pod template equals the
    /// Deployment's apart from the `pod-template-hash` label (the controller's own test), else
    /// the one with the Deployment's revision. The newest wins if several match.
    public static func newReplicaSet(of deployment: Deployment, among replicaSets: [ReplicaSet]) -> ReplicaSet? {
        let owned = replicaSets.filter { replicaSet in
            guard let owner = replicaSet.metadata.controllerReference else { return false }
            if let uid = deployment.metadata.uid, let ownerUID = owner.uid { return uid == ownerUID }
            return owner.kind == "Deployment" && owner.name == deployment.name
        }
        let newestFirst = owned.sorted { ($0.metadata.creationTimestamp ?? .distantPast) > ($1.metadata.creationTimestamp ?? .distantPast) }
        if let match = newestFirst.first(where: { templateMatches($0.spec.template, deployment.spec.template) }) {
            return match
        }
        guard let revision = deployment.metadata.annotations[revisionAnnotation] else { return nil }
        return newestFirst.first { $0.metadata.annotations[revisionAnnotation] == revision }
    }

    static func templateMatches(_ replicaSetTemplate: PodTemplateSpec, _ deploymentTemplate: PodTemplateSpec) -> Bool {
        var stripped = replicaSetTemplate
        stripped.metadata.labels[templateHashLabel] = nil
        var expected = deploymentTemplate
        expected.metadata.labels[templateHashLabel] = nil
        return stripped.json == expected.json
    }
}
