import Hummingbird
import Inventory
import NIOCore

/// The request context of `habitat serve`: Hummingbird's basic one, plus the client's address
/// (what the public reports are rate-limited by) and the signed-in account, if any.
struct ServerContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?
    /// Who sent the request, once the session middleware has checked their token; nil for nobody.
    var editor: Editor?
    /// The signed-in session's CSRF token, for the forms a page renders (a hidden `csrf` field).
    var csrfToken: String?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}
