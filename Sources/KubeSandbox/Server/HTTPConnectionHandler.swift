import NIOCore
import NIOHTTP1
import NIOSSL
import X509

/// One HTTP/1.1 connection: collects each request, hands it to the ``APIServer`` and writes the
/// answer, streaming watch events as chunks and honouring injected connection drops.
final class HTTPConnectionHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let api: APIServer
    private let tls: Bool
    private static let maxBody = 8 << 20
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    private var tooLarge = false
    private var current: Task<Void, Never>?
    /// From a request's end until its answer's end is written: a request in between is pipelined.
    private var responding = false
    private var certificateUser: (name: String, groups: [String])??

    init(api: APIServer, tls: Bool) {
        self.api = api
        self.tls = tls
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            guard !responding else {
                // A pipelined request (sent before the last answer ended): not supported, as
                // no Kubernetes client pipelines; closing is what a server may do.
                context.close(promise: nil)
                return
            }
            self.head = head
            body = []
            tooLarge = false
        case .body(var buffer):
            if body.count + buffer.readableBytes > Self.maxBody {
                tooLarge = true
            } else {
                body.append(contentsOf: buffer.readBytes(length: buffer.readableBytes) ?? [])
            }
        case .end:
            guard let head else { return }
            self.head = nil
            let (path, query) = APIRequest.split(uri: head.uri)
            let request = APIRequest(
                method: head.method.rawValue, path: path, query: query,
                headers: head.headers.map { ($0.name, $0.value) }, body: body,
                certificateUser: peerUser(context: context))
            body = []
            responding = true
            let keepAlive = head.isKeepAlive
            let api = self.api
            let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            if tooLarge {
                let response = APIResponse.error(
                    APIError(code: 413, reason: "RequestEntityTooLarge", message: "the request body is larger than 8 MiB"))
                write(response, keepAlive: false, context: context)
                return
            }
            let eventLoop = context.eventLoop
            current = Task {
                let response = await api.handle(request)
                switch response.body {
                case .bytes:
                    eventLoop.execute {
                        let (handler, context) = loopBound.value
                        handler.write(response, keepAlive: keepAlive, context: context)
                    }
                case .stream(let stream):
                    let writer = StreamWriter(loopBound: loopBound, eventLoop: eventLoop)
                    await writer.start(response, dropImmediately: response.dropAfterBytes != nil)
                    if response.dropAfterBytes != nil { return }
                    for await chunk in stream {
                        if Task.isCancelled { break }
                        writer.write(chunk)
                    }
                    writer.finish(keepAlive: keepAlive)
                }
            }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        current?.cancel()
        current = nil
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    private func peerUser(context: ChannelHandlerContext) -> (name: String, groups: [String])? {
        if let cached = certificateUser { return cached }
        var user: (name: String, groups: [String])?
        if tls, let handler = try? context.pipeline.syncOperations.handler(type: NIOSSLServerHandler.self),
            let peer = handler.peerCertificate, let der = try? peer.toDERBytes(),
            let certificate = try? Certificate(derEncoded: der)
        {
            var name: String?
            var groups: [String] = []
            for relative in certificate.subject {
                for attribute in relative {
                    if attribute.type == .RDNAttributeType.commonName { name = attribute.value.description }
                    if attribute.type == .RDNAttributeType.organizationName { groups.append(attribute.value.description) }
                }
            }
            if let name { user = (name, groups) }
        }
        certificateUser = .some(user)
        return user
    }

    fileprivate func write(_ response: APIResponse, keepAlive: Bool, context: ChannelHandlerContext) {
        guard case .bytes(let bytes) = response.body else { return }
        var headers = HTTPHeaders(response.headers)
        headers.replaceOrAdd(name: "Content-Length", value: String(bytes.count))
        headers.add(name: "Cache-Control", value: "no-cache, private")
        if !keepAlive || response.dropAfterBytes != nil { headers.replaceOrAdd(name: "Connection", value: "close") }
        context.write(
            wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: response.status), headers: headers))),
            promise: nil)
        if let drop = response.dropAfterBytes {
            let partial = ByteBuffer(bytes: bytes.prefix(drop))
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(partial)))).whenComplete { _ in channel.close(promise: nil) }
            return
        }
        context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: bytes)))), promise: nil)
        responding = false
        let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !keepAlive {
            let channel = context.channel
            done.whenComplete { _ in channel.close(promise: nil) }
        }
    }

    /// Writes a streamed answer from outside the event loop.
    private struct StreamWriter: Sendable {
        let loopBound: NIOLoopBound<(HTTPConnectionHandler, ChannelHandlerContext)>
        let eventLoop: any EventLoop

        func start(_ response: APIResponse, dropImmediately: Bool) async {
            let status = response.status
            let headerList = response.headers
            let future: EventLoopFuture<Void> = eventLoop.flatSubmit {
                let (handler, context) = loopBound.value
                var headers = HTTPHeaders(headerList)
                headers.remove(name: "Content-Length")
                headers.add(name: "Cache-Control", value: "no-cache, private")
                let head = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: status), headers: headers)
                let written = context.writeAndFlush(handler.wrapOutboundOut(.head(head)))
                if dropImmediately {
                    let channel = context.channel
                    written.whenComplete { _ in channel.close(promise: nil) }
                }
                return written
            }
            try? await future.get()
        }

        func write(_ chunk: [UInt8]) {
            eventLoop.execute {
                let (handler, context) = loopBound.value
                guard context.channel.isActive else { return }
                context.writeAndFlush(handler.wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: chunk)))), promise: nil)
            }
        }

        func finish(keepAlive: Bool) {
            eventLoop.execute {
                let (handler, context) = loopBound.value
                guard context.channel.isActive else { return }
                handler.responding = false
                let done = context.writeAndFlush(handler.wrapOutboundOut(.end(nil)))
                if !keepAlive {
                    let channel = context.channel
                    done.whenComplete { _ in channel.close(promise: nil) }
                }
            }
        }
    }
}
