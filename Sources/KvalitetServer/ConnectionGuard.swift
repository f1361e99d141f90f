import NIOCore
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

/// Installed after Hummingbird's HTTP codec (where additional handlers go); moves the real guard to
/// the front of the pipeline, where it sees raw bytes, and removes itself.
final class ConnectionGuardInstaller: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = Never
    let limits: ConnectionLimits
    let counter: ConnectionCounter

    init(limits: ConnectionLimits, counter: ConnectionCounter) {
        self.limits = limits
        self.counter = counter
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let guardHandler = ConnectionGuard(limits: limits, counter: counter)
        try? context.pipeline.syncOperations.addHandler(guardHandler, position: .first)
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }
}

/// Counts the connection, closes it when over the cap, and times the arrival of each request head.
final class ConnectionGuard: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let limits: ConnectionLimits
    private let counter: ConnectionCounter
    private var counted = false
    private var awaitingHead = true
    private var tail: [UInt8] = []
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
        let buffer = unwrapInboundIn(data)
        if awaitingHead {
            if deadline == nil {
                let channel = context.channel
                deadline = context.eventLoop.scheduleTask(in: limits.headerTimeout) { channel.close(promise: nil) }
            }
            // The head ends at the first blank line; keep the last bytes in case it spans two reads.
            let bytes = tail + Array(buffer.readableBytesView)
            if bytes.indices.dropLast(3).contains(where: { bytes[$0] == 13 && bytes[$0 + 1] == 10 && bytes[$0 + 2] == 13 && bytes[$0 + 3] == 10 }) {
                awaitingHead = false
                tail = []
                deadline?.cancel()
                deadline = nil
            } else {
                tail = Array(bytes.suffix(3))
            }
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        // A response is on its way, so the request was read: the next bytes start a new head.
        awaitingHead = true
        tail = []
        context.write(data, promise: promise)
    }
}
