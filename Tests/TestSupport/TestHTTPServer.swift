import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import SDKCore
import Synchronization

/// A real HTTP/1.1 server on a random loopback port, inside the test process. Each request is
/// answered by the handler and recorded, so tests can check both what the client sent and how
/// it dealt with the answer.
public final class TestHTTPServer: Sendable {
    public typealias Handler = @Sendable (HTTPRequest) async -> HTTPResponse

    public let port: Int
    private let channel: any Channel
    private let recorded: Recorder

    public var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }
    public var requests: [HTTPRequest] { recorded.requests.withLock { $0 } }

    private final class Recorder: Sendable {
        let requests = Mutex<[HTTPRequest]>([])
    }

    public init(handler: @escaping Handler) async throws {
        let recorded = Recorder()
        self.recorded = recorded
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline().flatMap {
                    channel.pipeline.addHandler(RequestHandler(handler: handler, record: { request in
                        recorded.requests.withLock { $0.append(request) }
                    }))
                }
            }
        channel = try await bootstrap.bind(host: "127.0.0.1", port: 0).get()
        port = channel.localAddress?.port ?? 0
    }

    public func shutdown() async {
        try? await channel.close()
    }

    deinit {
        channel.close(promise: nil)
    }

    private final class RequestHandler: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        let handler: Handler
        let record: @Sendable (HTTPRequest) -> Void
        var head: HTTPRequestHead?
        var body = Data()

        init(handler: @escaping Handler, record: @escaping @Sendable (HTTPRequest) -> Void) {
            self.handler = handler
            self.record = record
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                self.head = head
                body = Data()
            case .body(var buffer):
                body.append(contentsOf: buffer.readBytes(length: buffer.readableBytes) ?? [])
            case .end:
                guard let head else { return }
                let host = head.headers.first(name: "host") ?? "127.0.0.1"
                let url = URL(string: "http://\(host)\(head.uri)")!
                let request = HTTPRequest(
                    method: head.method.rawValue,
                    url: url,
                    headers: HTTPHeaderFields(head.headers.map { ($0.name, $0.value) }),
                    body: body.isEmpty ? nil : body
                )
                record(request)
                let handler = self.handler
                let keepAlive = head.isKeepAlive
                let isHead = head.method == .HEAD
                let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
                let promise = context.eventLoop.makePromise(of: HTTPResponse.self)
                promise.completeWithTask { await handler(request) }
                promise.futureResult.whenSuccess { response in
                    let (handler, context) = loopBound.value
                    handler.write(response, keepAlive: keepAlive, omitBody: isHead, context: context)
                }
            }
        }

        /// Writes the response; a reply to HEAD keeps its Content-Length but carries no body.
        private func write(_ response: HTTPResponse, keepAlive: Bool, omitBody: Bool, context: ChannelHandlerContext) {
            var headers = HTTPHeaders(response.headers.map { ($0.name, $0.value) })
            headers.replaceOrAdd(name: "content-length", value: "\(response.body.count)")
            if !keepAlive { headers.replaceOrAdd(name: "connection", value: "close") }
            let head = HTTPResponseHead(version: .http1_1, status: .init(statusCode: response.status), headers: headers)
            context.write(wrapOutboundOut(.head(head)), promise: nil)
            if !omitBody {
                context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: response.body)))), promise: nil)
            }
            let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
            if !keepAlive {
                let channel = context.channel
                done.whenComplete { _ in channel.close(promise: nil) }
            }
        }
    }
}

extension HTTPResponse {
    /// A JSON response.
    public static func json(_ text: String, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: Data(text.utf8))
    }

    /// A plain-text response.
    public static func text(_ text: String, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "text/plain"], body: Data(text.utf8))
    }
}
