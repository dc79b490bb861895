import Foundation
import Hummingbird
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// A request that is not valid HTTP — an address with raw UTF-8 in it (`?name=公园` typed into a
/// tool that does not percent-encode), a head too large — gets the JSON problem every other
/// refusal gets, rather than an empty 400. The connection closes after it: nothing further on it
/// can be read.
final class MalformedRequest: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundOut = HTTPResponsePart

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let error = error as? HTTPParserError else { return context.fireErrorCaught(error) }
        let body = Problem.badRequest(Self.detail(error)).body
        let head = HTTPResponse(status: .badRequest, headerFields: [
            .contentType: "application/problem+json", .contentLength: String(body.count), .connection: "close",
        ])
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(ByteBuffer(bytes: body))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in context.close(promise: nil) }
    }

    static func detail(_ error: HTTPParserError) -> String {
        switch error {
        case .invalidURL, .invalidCharactersUsed:
            "the address holds characters that must be percent-encoded: send a query's text as UTF-8 in %XX "
                + "(name=%E5%85%AC%E5%9B%AD for 公园)"
        case .headerOverflow:
            "the request's address and headers are too large"
        default:
            "not a valid HTTP request"
        }
    }
}
