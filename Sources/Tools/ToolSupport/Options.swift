import ArgumentParser
import BlueGreen
import Foundation
import SDKCore

/// How to reach the cluster: a kubeconfig (and context), or an EKS cluster by name.
public struct ConnectionOptions: ParsableArguments, Sendable {
    @Option(help: ArgumentHelp("Kubeconfig file. Default: the files in $KUBECONFIG (merged as kubectl does), then ~/.kube/config, then the pod's service account.", valueName: "path"))
    public var kubeconfig: String?

    @Option(help: ArgumentHelp("Kubeconfig context to use. Default: the current context.", valueName: "name"))
    public var context: String?

    @Option(name: [.short, .long], help: ArgumentHelp("Namespace. Default: the context's namespace, else 'default'.", valueName: "ns"))
    public var namespace: String?

    @Option(help: ArgumentHelp("Connect to this EKS cluster directly (DescribeCluster for its endpoint and CA, and a built-in token) instead of a kubeconfig.", valueName: "name"))
    public var eksCluster: String?

    @Option(help: ArgumentHelp("AWS region. Default: AWS_REGION, AWS_DEFAULT_REGION, then the profile's region.", valueName: "region"))
    public var region: String?

    @Option(help: ArgumentHelp("AWS shared-config profile. Default: AWS_PROFILE, then 'default'.", valueName: "name"))
    public var profile: String?

    @Option(help: ArgumentHelp("IAM role to assume before talking to AWS and the cluster.", valueName: "arn"))
    public var roleArn: String?

    public init() {}

    public func validate() throws {
        if eksCluster != nil, kubeconfig != nil || context != nil {
            throw ValidationError("--eks-cluster connects without a kubeconfig; do not combine it with --kubeconfig or --context")
        }
        if let namespace, !Names.isDNSLabel(namespace) {
            throw ValidationError("the namespace '\(namespace)' is not a valid DNS-1123 label")
        }
    }
}

/// Output format and verbosity, shared by every pipeline tool.
public struct OutputOptions: ParsableArguments, Sendable {
    /// The result format on stdout.
    public enum Format: String, ExpressibleByArgument, Sendable, CaseIterable {
        case text, json
    }

    @Option(name: [.customShort("o"), .customLong("output")], help: "Result format on stdout: text or json. Progress always goes to stderr.")
    public var format: Format = .text

    @Flag(name: [.short, .long], help: "More progress detail on stderr (never secrets).")
    public var verbose = false

    public init() {}
}

/// A duration option value: `90s`, `5m`, `1h30m`, `500ms`.
public struct DurationArgument: ExpressibleByArgument, Sendable, CustomStringConvertible {
    public var duration: Duration

    public init(_ duration: Duration) { self.duration = duration }

    public init?(argument: String) {
        guard let duration = try? DurationFormat.parse(argument) else { return nil }
        self.duration = duration
    }

    public var description: String { DurationFormat.format(duration) }
    public var defaultValueDescription: String { description }
}
