import Hummingbird
import NIOCore

/// The request context of `habitat serve`: Hummingbird's basic one, plus the client's address
/// (what the public reports are rate-limited by).
struct ServerContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}
