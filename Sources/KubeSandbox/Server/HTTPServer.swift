import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// The listening socket: HTTP/1.1 over plain TCP or TLS on 127.0.0.1.
struct HTTPServer: Sendable {
    let channel: any Channel
    let connections: ConnectionTracker

    var port: Int { channel.localAddress?.port ?? 0 }

    static func start(host: String, port: Int, tls: NIOSSLContext?, api: APIServer) async throws -> HTTPServer {
        let connections = ConnectionTracker()
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(.backlog, value: 256)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    connections.add(channel)
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls))
                    }
                    // No pipelining assistance: it stops reading the socket while a response is
                    // in flight, so a client that closes during a watch (TCP FIN, or TLS
                    // close_notify, which then waited for its answer until the watch ended) went
                    // unnoticed. Kubernetes clients do not pipeline; HTTPConnectionHandler closes
                    // a connection that sends a request before its answer is complete.
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withPipeliningAssistance: false, withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(HTTPConnectionHandler(api: api, tls: tls != nil))
                }
            }
        do {
            let channel = try await bootstrap.bind(host: host, port: port).get()
            return HTTPServer(channel: channel, connections: connections)
        } catch {
            throw SandboxError(.bindFailed, "cannot listen on \(host):\(port) (\(error)); pick another port, or 0 for a free one")
        }
    }

    func stop() async {
        try? await channel.close()
        await connections.closeAll()
    }
}
