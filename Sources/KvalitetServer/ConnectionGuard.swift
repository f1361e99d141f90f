import NIOCore
import NIOHTTPTypes
import Synchronization

/// Limits that keep a slow or hostile client from starving others: at most `maxConnections` open
/// connections (the excess is closed at once rather than queued), and a request head must arrive
/// completely within `headerTimeout` of its first byte (slow-header "slowloris" clients are cut off).
public struct ConnectionLimits: Sendable {
    public var maxConnections: Int
    public var headerTimeout: TimeAmount

    public init(maxConnections: Int = 1024, headerTimeout: TimeAmount = .seconds(10)) {
        self.maxConnections = maxConnections
        self.headerTimeout = headerTimeout
    }
}

/// The count of open connections, shared by every connection's guard.
final class ConnectionCounter: Sendable {
    let open = Atomic<Int>(0)
}

/// Installed after Hummingbird's HTTP codec (where additional handlers go): puts the real guard at
/// the front of the pipeline, where it sees raw bytes, and stays here to tell it what NIO's parser
/// decoded. A head is complete when the parser says so (whatever line ends it accepted), and the
/// next head begins only after the request's end, so bytes of a body answered early never count.
final class ConnectionGuardInstaller: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    let limits: ConnectionLimits
    let counter: ConnectionCounter
    private var guardHandler: ConnectionGuard?

    init(limits: ConnectionLimits, counter: ConnectionCounter) {
        self.limits = limits
        self.counter = counter
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let guardHandler = ConnectionGuard(limits: limits, counter: counter)
        self.guardHandler = guardHandler
        try? context.pipeline.syncOperations.addHandler(guardHandler, position: .first)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head: guardHandler?.headDecoded()
        case .end: guardHandler?.requestEnded()
        case .body: break
        }
        context.fireChannelRead(data)
    }
}

/// Counts the connection, closes it when over the cap, and times the arrival of each request head:
/// the clock starts at the first byte while a head is awaited and stops when the parser decoded it.
final class ConnectionGuard: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let limits: ConnectionLimits
    private let counter: ConnectionCounter
    private var counted = false
    private var awaitingHead = true
    private var deadline: Scheduled<Void>?

    init(limits: ConnectionLimits, counter: ConnectionCounter) {
        self.limits = limits
        self.counter = counter
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { admit(context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        admit(context: context)
        context.fireChannelActive()
    }

    private func admit(context: ChannelHandlerContext) {
        guard !counted else { return }
        counted = true
        let open = counter.open.wrappingAdd(1, ordering: .relaxed).newValue
        if open > limits.maxConnections { context.close(promise: nil) }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if counted { counter.open.wrappingSubtract(1, ordering: .relaxed) }
        counted = false
        deadline?.cancel()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if awaitingHead, deadline == nil {
            let channel = context.channel
            deadline = context.eventLoop.scheduleTask(in: limits.headerTimeout) { channel.close(promise: nil) }
        }
        context.fireChannelRead(data)
    }

    /// The parser delivered a complete head: stop the clock until the request has ended.
    func headDecoded() {
        awaitingHead = false
        deadline?.cancel()
        deadline = nil
    }

    /// The request (head and body) was read: the next bytes start a new head.
    func requestEnded() {
        awaitingHead = true
    }
}
