import ArgumentParser
import Dispatch
import Foundation
import KubeSandbox
import Logging

/// `kube-sandbox`: runs the local Kubernetes API emulator until SIGINT or SIGTERM.
@main
struct KubeSandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kube-sandbox",
        abstract: "A local stand-in for a Kubernetes cluster that the real kubectl can use.",
        discussion: """
            Serves the Kubernetes API (core/v1 namespaces, nodes, pods, services, configmaps, secrets, \
            serviceaccounts, events, endpoints; apps/v1 deployments and replicasets; coordination.k8s.io/v1 \
            leases; discovery.k8s.io/v1 endpointslices) from memory, with a deployment controller, a \
            scheduler, a kubelet stand-in and an endpoints controller. When it is ready it prints one line \
            to standard output:

              kube-sandbox: serving http://127.0.0.1:PORT (port PORT)

            ADMIN ENDPOINT (a path no real API server serves; same credentials as the API):
              GET  /sandbox/v1/faults             the faults in force
              PUT  /sandbox/v1/faults             set faults, e.g. {"errorRate":0.3,"errorStatuses":[503],"retryAfterSeconds":2}
                                                   fields: errorRate, errorStatuses (500|503|429), retryAfterSeconds, dropRate,
                                                   latencyMilliseconds, watchCloseAfterMilliseconds, conflictRate, verbs,
                                                   pathPrefix, maxFaults, seed
              PUT  /sandbox/v1/tokens             {"tokens":["..."]}: the bearer tokens accepted from now on
              PUT  /sandbox/v1/nodes/NAME         {"ready":false}: mark a node NotReady (or Ready again)
              GET  /sandbox/v1/counters           request totals by status, verb and route
              DELETE /sandbox/v1/counters         reset the totals and the request log
              GET  /sandbox/v1/requests           the recent requests
            With kubectl: kubectl get --raw /sandbox/v1/counters; kubectl replace --raw /sandbox/v1/faults -f faults.json

            Stops cleanly on SIGINT or SIGTERM.
            """)

    @Option(help: "Port to listen on; 0 picks a free one (printed when ready).")
    var port: Int = 0

    @Option(help: "Address to listen on.")
    var host: String = "127.0.0.1"

    @Option(name: .customLong("kubeconfig-out"), help: "Write a kubeconfig for the sandbox to this file.")
    var kubeconfigOut: String?

    @Option(name: .customLong("kubeconfig-user"), help: "The user of --kubeconfig-out: client-certificate, token or anonymous (default: client-certificate with --tls, else token if --token, else anonymous).")
    var kubeconfigUser: String?

    @Option(help: "Namespace of the kubeconfig's context.")
    var namespace: String = "default"

    @Flag(help: "Serve HTTPS with a fresh CA; accept a client-certificate user and a bearer-token user; refuse anonymous requests.")
    var tls = false

    @Option(help: "The bearer token to accept (generated with --tls when not given).")
    var token: String?

    @Option(help: "Number of simulated nodes.")
    var nodes: Int = 3

    @Option(name: .customLong("node-cpu"), help: "Allocatable CPU per node (a quantity: 4, 3500m).")
    var nodeCPU: String = "4"

    @Option(name: .customLong("node-memory"), help: "Allocatable memory per node (a quantity: 8Gi).")
    var nodeMemory: String = "8Gi"

    @Option(name: .customLong("node-pods"), help: "Pod capacity per node.")
    var nodePods: Int = 110

    @Option(name: .customLong("ready-after"), help: "How long after scheduling pods become Running and Ready (250ms, 2s).")
    var readyAfter: String = "200ms"

    @Option(name: .customLong("back-off"), help: "Period of the image-pull and crash back-off cycles.")
    var backOff: String = "1s"

    @Option(name: .customLong("image-rule"), help: "PATTERN=BEHAVIOUR: containers whose image matches the glob PATTERN fail; BEHAVIOUR is pullFailure, crashLoop or neverReady (repeatable), e.g. '*:broken=pullFailure'.")
    var imageRules: [String] = []

    @Option(name: .customLong("seed"), help: "A YAML/JSON file or directory of objects to create at start (repeatable).")
    var seeds: [String] = []

    @Option(name: .customLong("error-rate"), help: "Fault: share (0-1) of requests answered with an error status.")
    var errorRate: Double = 0

    @Option(name: .customLong("error-status"), help: "Fault: status for --error-rate: 500, 503 or 429 (repeatable; default all three).")
    var errorStatuses: [Int] = []

    @Option(name: .customLong("retry-after"), help: "Fault: Retry-After seconds on 429 and 503 answers.")
    var retryAfter: Int = 1

    @Option(name: .customLong("drop-rate"), help: "Fault: share (0-1) of responses whose connection is closed mid-body.")
    var dropRate: Double = 0

    @Option(help: "Fault: latency added to every answer (100ms).")
    var latency: String?

    @Option(name: .customLong("watch-close-after"), help: "Fault: close every watch this long after it opens (5s).")
    var watchCloseAfter: String?

    @Option(name: .customLong("conflict-rate"), help: "Fault: share (0-1) of writes answered 409 Conflict.")
    var conflictRate: Double = 0

    @Option(name: .customLong("fault-seed"), help: "Fault: seed of the random choices, for repeatable runs.")
    var faultSeed: UInt64?

    @Option(name: .customLong("bookmark-interval"), help: "How often watches that ask for bookmarks get one.")
    var bookmarkInterval: String = "5s"

    @Option(name: .customLong("watch-history"), help: "Changes kept per resource for watch resumption; older versions get 410 Gone.")
    var watchHistory: Int = 10_000

    @Option(name: .customLong("kubernetes-version"), help: "The version /version reports.")
    var kubernetesVersion: String = "v1.31.0"

    @Flag(name: .shortAndLong, help: "Log requests and controller activity to standard error.")
    var verbose = false

    func validate() throws {
        if !(0...65535).contains(port) { throw ValidationError("--port must be between 0 and 65535") }
        if nodes < 0 { throw ValidationError("--nodes must not be negative") }
        if let user = kubeconfigUser, KubeconfigUser(rawValue: user) == nil {
            throw ValidationError("--kubeconfig-user must be client-certificate, token or anonymous")
        }
        for text in [readyAfter, backOff, bookmarkInterval] + [latency, watchCloseAfter].compactMap({ $0 }) {
            do { _ = try Self.duration(text) } catch { throw ValidationError("'\(text)' is not a duration; use e.g. 250ms, 2s or 1m") }
        }
        for rule in imageRules { _ = try Self.imageRule(rule) }
    }

    static func duration(_ text: String) throws -> Duration {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        for (unit, factor) in units where trimmed.hasSuffix(unit) {
            if let value = Double(trimmed.dropLast(unit.count)), value >= 0 { return .milliseconds(Int64(value * factor * 1000)) }
        }
        if let seconds = Double(trimmed), seconds >= 0 { return .milliseconds(Int64(seconds * 1000)) }
        throw ValidationError("'\(text)' is not a duration")
    }

    static func imageRule(_ text: String) throws -> ImageRule {
        guard let equals = text.lastIndex(of: "="),
              let behaviour = ImageRule.Behaviour(rawValue: String(text[text.index(after: equals)...])),
              equals != text.startIndex
        else {
            throw ValidationError("--image-rule '\(text)' must be PATTERN=BEHAVIOUR with BEHAVIOUR one of \(ImageRule.Behaviour.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return ImageRule(pattern: String(text[..<equals]), behaviour: behaviour)
    }

    func run() async throws {
        var logger = Logger(label: "kube-sandbox")
        if verbose {
            LoggingSystem.bootstrap(StreamLogHandler.standardError)
            logger = Logger(label: "kube-sandbox")
            logger.logLevel = .debug
        } else {
            logger = Logger(label: "kube-sandbox", factory: { _ in SwiftLogNoOpLogHandler() })
        }
        var config = SandboxConfiguration()
        config.host = host
        config.port = port
        config.tls = tls
        config.bearerToken = token
        config.nodes = SandboxConfiguration.nodes(count: nodes, cpu: nodeCPU, memory: nodeMemory, pods: nodePods)
        config.readyAfter = try Self.duration(readyAfter)
        config.backOff = try Self.duration(backOff)
        config.imageRules = try imageRules.map(Self.imageRule)
        config.seedPaths = seeds
        config.bookmarkInterval = try Self.duration(bookmarkInterval)
        config.watchHistoryLimit = watchHistory
        config.kubernetesVersion = kubernetesVersion
        var faults = FaultConfiguration(errorRate: errorRate, retryAfterSeconds: retryAfter, dropRate: dropRate, conflictRate: conflictRate, seed: faultSeed)
        if !errorStatuses.isEmpty { faults.errorStatuses = errorStatuses }
        if let latency { faults.latency = try Self.duration(latency) }
        if let watchCloseAfter {
            let closeAfter = try Self.duration(watchCloseAfter)
            faults.watchCloseAfterMilliseconds = Int(closeAfter.components.seconds * 1000 + closeAfter.components.attoseconds / 1_000_000_000_000_000)
        }
        config.faults = faults

        let sandbox: Sandbox
        do {
            sandbox = try await Sandbox.start(config, logger: logger)
        } catch let error as SandboxError {
            FileHandle.standardError.write(Data("kube-sandbox: \(error.message)\n".utf8))
            throw ExitCode(2)
        }
        if let kubeconfigOut {
            do {
                try sandbox.writeKubeconfig(to: kubeconfigOut, user: kubeconfigUser.flatMap(KubeconfigUser.init(rawValue:)), namespace: namespace)
            } catch let error as SandboxError {
                FileHandle.standardError.write(Data("kube-sandbox: \(error.message)\n".utf8))
                try? await sandbox.shutdown()
                throw ExitCode(2)
            }
        }
        FileHandle.standardOutput.write(Data("kube-sandbox: serving \(sandbox.url.absoluteString) (port \(sandbox.port))\n".utf8))

        let (signals, continuation) = AsyncStream<Int32>.makeStream()
        var sources: [any DispatchSourceSignal] = []
        for signo in [SIGINT, SIGTERM] {
            signal(signo, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signo, queue: .main)
            source.setEventHandler { continuation.yield(signo) }
            source.resume()
            sources.append(source)
        }
        var iterator = signals.makeAsyncIterator()
        let received = await iterator.next()
        FileHandle.standardError.write(Data("kube-sandbox: stopping (signal \(received ?? 0))\n".utf8))
        for source in sources { source.cancel() }
        try await sandbox.shutdown()
    }
}
