import AWSKit
import Foundation
import KubeKit
import SDKCore

extension DeployFailure {
    /// Classifies any error that ends an operation (from KubeKit, AWSKit, the registry, the
    /// builder, the transport) into a failure with the CLI contract's exit code and a message
    /// that names the problem and the fix.
    public init(classifying error: any Error) {
        self = Self.classify(error)
    }

    private static func classify(_ error: any Error) -> DeployFailure {
        switch error {
        case let error as DeployFailure:
            return error
        case let error as InputError:
            return DeployFailure(.invalidInput, error.message)
        case let error as KubeConfigError:
            return DeployFailure(.invalidInput, error.description)
        case let error as KubeKit.CredentialError:
            return DeployFailure(.unauthorized, "cannot get credentials for the cluster: \(error)")
        case let error as AWSKit.CredentialError:
            return DeployFailure(.unauthorized, "no usable AWS credentials: \(error)")
        case let error as AWSError:
            if error.isAuthorizationFailure { return DeployFailure(.unauthorized, error.description) }
            if error.code.rawValue == "ResourceNotFoundException" {
                return DeployFailure(.invalidInput, "\(error.message) (check --eks-cluster and --region)")
            }
            return DeployFailure(.failed, error.description)
        case let error as AWSClientError:
            return DeployFailure(error.code == .missingRegion || error.code == .invalidRegion ? .invalidInput : .failed, error.description)
        case let error as KubeError:
            let classified = KubeBlueGreenCluster.classify(error, while: "talk to the cluster")
            return DeployFailure(classified.failureKind, classified.message)
        case let error as ClusterError:
            return DeployFailure(error.failureKind, error.message)
        case let error as RegistryError:
            switch error.code {
            case .notFound: return DeployFailure(.invalidInput, error.message)
            case .unauthorized: return DeployFailure(.unauthorized, error.message)
            default: return DeployFailure(.failed, error.message)
            }
        case let error as BuildError:
            return DeployFailure(.failed, error.message)
        case let error as TransportError:
            switch error.kind {
            case .tls:
                return DeployFailure(.failed, "\(error.message); check the cluster's certificate authority (certificate-authority-data in the kubeconfig)")
            case .invalidRequest:
                return DeployFailure(.invalidInput, error.message)
            default:
                return DeployFailure(.failed, "\(error.message); check the server address and the network")
            }
        case is CancellationError:
            return DeployFailure(.failed, "interrupted")
        default:
            return DeployFailure(.failed, "\(error)")
        }
    }
}
