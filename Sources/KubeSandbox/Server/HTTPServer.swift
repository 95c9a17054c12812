import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// The listening socket: HTTP/1.1 over plain TCP or TLS on 127.0.0.1.
struct HTTPServer: Sendable {
    let channel: any Channel

    var port: Int { channel.localAddress?.port ?? 0 }

    static func start(host: String, port: Int, tls: NIOSSLContext?, api: APIServer) async throws -> HTTPServer {
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(.backlog, value: 256)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls))
                    }
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(HTTPConnectionHandler(api: api, tls: tls != nil))
                }
            }
        do {
            let channel = try await bootstrap.bind(host: host, port: port).get()
            return HTTPServer(channel: channel)
        } catch {
            throw SandboxError(.bindFailed, "cannot listen on \(host):\(port) (\(error)); pick another port, or 0 for a free one")
        }
    }

    func stop() async {
        try? await channel.close()
    }
}
