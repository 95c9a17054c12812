import Foundation
import Logging
import NIOSSL
import Synchronization

/// A local stand-in for a Kubernetes cluster: an API server (HTTP/1.1, or HTTPS with client
/// certificates and bearer tokens) over an in-memory store of JSON objects, with a deployment
/// controller, a ReplicaSet controller, a scheduler, a kubelet stand-in and an endpoints
/// controller, plus fault injection. The real `kubectl` works against it.
///
/// ```swift
/// var config = SandboxConfiguration()
/// config.tls = true
/// let sandbox = try await Sandbox.start(config)
/// try sandbox.writeKubeconfig(to: "/tmp/kubeconfig", user: .token)
/// // … run tests …
/// try await sandbox.shutdown()
/// ```
public final class Sandbox: Sendable {
    /// `http://127.0.0.1:PORT` or `https://127.0.0.1:PORT`.
    public let url: URL
    /// The port listened on.
    public let port: Int
    /// The CA certificate (PEM) clients must trust; nil without TLS.
    public let caCertificatePEM: String?
    /// The token user's bearer token (TLS mode, or HTTP when one was configured).
    public let bearerToken: String?
    /// The configuration it was started with.
    public let configuration: SandboxConfiguration

    let clientCertificatePEM: String?
    let clientKeyPEM: String?
    let store: ObjectStore
    let api: APIServer
    private let server: HTTPServer
    private let controlPlane: ControlPlane
    private let stopped = Mutex(false)

    private init(url: URL, port: Int, tls: TLSMaterial?, bearerToken: String?, configuration: SandboxConfiguration,
                 store: ObjectStore, api: APIServer, server: HTTPServer, controlPlane: ControlPlane) {
        self.url = url
        self.port = port
        caCertificatePEM = tls?.caCertificatePEM
        clientCertificatePEM = tls?.clientCertificatePEM
        clientKeyPEM = tls?.clientKeyPEM
        self.bearerToken = bearerToken
        self.configuration = configuration
        self.store = store
        self.api = api
        self.server = server
        self.controlPlane = controlPlane
    }

    /// Starts a sandbox and returns once it answers requests.
    /// - Throws: ``SandboxError`` for an unusable configuration, a port in use or unreadable seeds.
    public static func start(_ configuration: SandboxConfiguration = SandboxConfiguration(),
                             logger: Logger = Logger(label: "kube-sandbox", factory: { _ in SwiftLogNoOpLogHandler() })) async throws -> Sandbox {
        if let problem = configuration.validationError() { throw SandboxError(.invalidConfiguration, "invalid sandbox configuration: \(problem)") }
        let seeds = try Seeds.load(documents: configuration.seedDocuments, paths: configuration.seedPaths)
        let material = configuration.tls ? try TLSMaterial.generate() : nil
        var sslContext: NIOSSLContext?
        if let material {
            do {
                var tls = TLSConfiguration.makeServerConfiguration(
                    certificateChain: try NIOSSLCertificate.fromPEMBytes(Array(material.serverCertificatePEM.utf8)).map { .certificate($0) },
                    privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(material.serverKeyPEM.utf8), format: .pem)))
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(material.caCertificatePEM.utf8)))
                tls.certificateVerification = .optionalVerification
                tls.applicationProtocols = ["http/1.1"]
                sslContext = try NIOSSLContext(configuration: tls)
            } catch {
                throw SandboxError(.tlsSetupFailed, "could not set up TLS (\(error)); run without TLS or report this")
            }
        }
        let token = configuration.bearerToken ?? (configuration.tls ? Self.generateToken() : nil)
        let store = ObjectStore(historyLimit: configuration.watchHistoryLimit, logger: logger)
        let authenticator = Authenticator(tokens: Set(token.map { [$0] } ?? []), allowAnonymous: configuration.allowAnonymous ?? !configuration.tls)
        let faults = FaultInjector(configuration.faults)
        let log = RequestLog(limit: configuration.requestLogLimit)
        let admin = AdminEndpoint(store: store, faults: faults, log: log, authenticator: authenticator)
        // The listening port is known only after binding; the API reads it lazily through the address box.
        let address = AddressBox()
        let api = APIServer(store: store, authenticator: authenticator, faults: faults, log: log, serverAddress: address,
                            kubernetesVersion: configuration.kubernetesVersion, bookmarkInterval: configuration.bookmarkInterval,
                            logger: logger, admin: admin)
        let server = try await HTTPServer.start(host: configuration.host, port: configuration.port, tls: sslContext, api: api)
        address.set("\(configuration.host):\(server.port)")
        await store.bootstrap(nodes: configuration.nodes, kubeletVersion: configuration.kubernetesVersion, serverPort: server.port)
        do {
            try await store.seed(seeds)
        } catch {
            await server.stop()
            throw error
        }
        let settings = ControllerSettings(readyAfter: configuration.readyAfter, imageRules: configuration.imageRules,
                                          backOff: configuration.backOff, terminationDelay: configuration.podTerminationDelay,
                                          kubeletVersion: configuration.kubernetesVersion)
        let controlPlane = await ControlPlane(store: store, settings: settings)
        let scheme = configuration.tls ? "https" : "http"
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        guard let url = URL(string: "\(scheme)://\(host):\(server.port)") else {
            throw SandboxError(.invalidConfiguration, "invalid host '\(configuration.host)'; use an IP address such as 127.0.0.1")
        }
        logger.info("kube-sandbox listening", metadata: ["url": "\(url)"])
        return Sandbox(url: url, port: server.port, tls: material, bearerToken: token, configuration: configuration,
                       store: store, api: api, server: server, controlPlane: controlPlane)
    }

    private static func generateToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        let text = String((0..<32).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
        return "sandbox-\(text)"
    }

    /// Changes the injected faults at run time (also `PUT /sandbox/v1/faults`).
    public func setFaults(_ faults: FaultConfiguration) async {
        api.faults.set(faults)
    }

    /// The faults in force.
    public var faults: FaultConfiguration { api.faults.configuration }

    /// Replaces the bearer tokens the API accepts; any other token is answered 401 (also
    /// `PUT /sandbox/v1/tokens`).
    public func setAcceptedTokens<Tokens: Sequence<String>>(_ tokens: Tokens) async {
        api.authenticator.setTokens(Set(tokens))
    }

    /// Marks a node Ready or NotReady (tainted `node.kubernetes.io/not-ready`); the scheduler
    /// stops using it and its pods are reported not ready (also `PUT /sandbox/v1/nodes/NAME`).
    /// - Throws: ``SandboxError`` when there is no such node.
    public func setNodeReady(name: String, ready: Bool) async throws {
        do {
            try await store.setNodeReady(name: name, ready: ready)
        } catch let error as APIError {
            throw SandboxError(.invalidConfiguration, error.message)
        }
    }

    /// The most recent requests, oldest first.
    public var requestLog: [RequestRecord] { api.log.records }

    /// Totals over the requests answered.
    public var counters: SandboxCounters { api.log.counters }

    /// Clears the request log and the counters.
    public func resetCounters() { api.log.reset() }

    /// The current version of an object as JSON, or nil.
    public func object(apiVersion: String, kind: String, namespace: String? = nil, name: String) async -> JSON? {
        guard let type = ResourceCatalog.lookup(apiVersion: apiVersion, kind: kind) else { return nil }
        return await store.get(type, namespace: type.namespaced ? (namespace ?? "default") : "", name: name)?.object
    }

    /// Creates objects from JSON or YAML documents, as seeding does.
    /// - Throws: ``SandboxError`` naming the document that could not be stored.
    public func create(documents text: String) async throws {
        try await store.seed(try Seeds.load(documents: [text], paths: []))
    }

    /// How many objects of a kind are stored.
    public func count(apiVersion: String, kind: String) async -> Int {
        guard let type = ResourceCatalog.lookup(apiVersion: apiVersion, kind: kind) else { return 0 }
        return await store.count(type)
    }

    /// Stops serving: closes watches and the listening socket, stops the controllers. Idempotent.
    public func shutdown() async throws {
        let already = stopped.withLock { state in
            defer { state = true }
            return state
        }
        if already { return }
        await controlPlane.stop()
        await store.closeAllWatches()
        await server.stop()
    }
}
