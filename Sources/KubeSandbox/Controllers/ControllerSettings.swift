/// What the simulated control plane needs from the configuration.
struct ControllerSettings: Sendable {
    var readyAfter: Duration
    var imageRules: [ImageRule]
    /// The period of the pull and crash back-off cycles.
    var backOff: Duration
    /// How long a deleted pod stays Terminating before the kubelet removes it.
    var terminationDelay: Duration
    var kubeletVersion: String

    func behaviour(for image: String) -> ImageRule.Behaviour? {
        imageRules.first { $0.matches(image) }?.behaviour
    }
}

extension Duration {
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
