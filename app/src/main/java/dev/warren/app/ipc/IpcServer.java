package dev.warren.app.ipc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.warren.bridge.ipc.CallerIdentity;
import dev.warren.bridge.ipc.IpcAcceptor;
import dev.warren.bridge.ipc.IpcConnection;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The manager's end of the IPC: a JSON-RPC 2.0 server on an {@link IpcAcceptor} — the Unix domain socket on Linux
 * ({@link UnixSocketAcceptor}), the named pipe on Windows — that serves each connection with the role its OS identity
 * earned, tells refused callers why, and dispatches requests to a {@link MethodTable}.
 *
 * <p>Each connection has a reader thread, a writer thread with a bounded queue ({@link ClientConnection}) and up
 * to {@link ClientConnection#MAX_IN_FLIGHT} requests running at once, all on virtual threads. Responses to one
 * client's concurrent requests may therefore arrive in any order, as JSON-RPC allows; they are matched by id.
 * At most {@link #MAX_CONNECTIONS} connections are served at once; more are told so and closed.
 */
public final class IpcServer implements AutoCloseable {

    /** Opens the transport when the server starts. */
    @FunctionalInterface
    public interface Transport {
        IpcAcceptor open() throws IOException;
    }

    /** Connections served at once: far more than a desktop has GUIs and CLIs, far fewer than would exhaust us. */
    public static final int MAX_CONNECTIONS = 64;
    /**
     * Unread replies kept for all clients together: the per-client budget times the connection limit would be
     * half a gigabyte, so past this the client with the most unread is dropped.
     */
    static final long OUTBOUND_BYTES_TOTAL = 64L << 20;
    /** Connections refused over the limit are logged at most this often, so that a flood cannot fill the log. */
    private static final long REFUSAL_LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Transport transport;
    private final MethodTable methods;
    private final Consumer<String> log;
    private final ObjectMapper mapper = Protocol.mapper();
    /** Parameters are bound strictly: a misspelt or extra parameter is an error, not silently ignored. */
    private final ObjectMapper strict = strictMapper();
    private final Set<ClientConnection> clients = ConcurrentHashMap.newKeySet();
    private final AtomicLong connectionCounter = new AtomicLong();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong refusedUnlogged = new AtomicLong();
    private volatile long lastRefusalLog = System.nanoTime() - REFUSAL_LOG_INTERVAL_NANOS;
    private IpcAcceptor acceptor;
    private volatile boolean closed;

    /** Also no scalar coercion: {@code "name": 7} is a wrong type, not the tunnel "7". */
    private static ObjectMapper strictMapper() {
        ObjectMapper m = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        for (CoercionInputShape shape : new CoercionInputShape[] {CoercionInputShape.Integer,
                CoercionInputShape.Float, CoercionInputShape.Boolean}) {
            m.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        return m;
    }

    /**
     * @param log receives one line per noteworthy connection event (refusals, dropped clients)
     */
    public IpcServer(Transport transport, MethodTable methods, Consumer<String> log) {
        this.transport = transport;
        this.methods = methods;
        this.log = log;
    }

    /** A server on the Unix socket {@code socket}, admitting callers by {@code policy}. */
    public IpcServer(Path socket, AccessPolicy policy, MethodTable methods, Consumer<String> log) {
        this(() -> UnixSocketAcceptor.open(socket, policy, log), methods, log);
    }

    /** Opens the transport (failing if another manager holds it) and starts accepting. */
    public void start() throws IOException {
        acceptor = transport.open();
        Thread.ofVirtual().name("ipc-accept").start(this::acceptLoop);
    }

    private void acceptLoop() {
        while (!closed) {
            IpcConnection connection;
            try {
                connection = acceptor.accept();
            } catch (IOException e) {
                if (!closed) {
                    log.accept("accepting IPC connections failed: " + e.getMessage());
                }
                return;
            }
            if (connection == null) {
                return;
            }
            if (connections.incrementAndGet() > MAX_CONNECTIONS) {
                Thread.ofVirtual().name("ipc-refuse").start(() -> refuseOverLimit(connection));
            } else {
                Thread.ofVirtual().name("ipc-client").start(() -> serve(connection));
            }
        }
    }

    private void refuseOverLimit(IpcConnection connection) {
        try {
            // Logged before the refusal goes out, so whoever was refused finds the reason already in the log.
            long refused = refusedUnlogged.incrementAndGet();
            long now = System.nanoTime();
            if (now - lastRefusalLog >= REFUSAL_LOG_INTERVAL_NANOS && refusedUnlogged.compareAndSet(refused, 0)) {
                lastRefusalLog = now;
                log.accept("refused " + refused + " IPC connection(s): " + MAX_CONNECTIONS + " are open, the limit "
                        + "(further refusals are logged at most once a minute)");
            }
            ClientConnection c = new ClientConnection(connection, "refused client");
            c.sendAndClose(errorFrame(null, ErrorCode.LIMIT_EXCEEDED, "the manager already serves "
                    + MAX_CONNECTIONS + " connections, its limit; close some clients and try again", null));
            c.writeLoop();
        } finally {
            connections.decrementAndGet();
        }
    }

    private void serve(IpcConnection connection) {
        ClientConnection c = new ClientConnection(connection, "client " + connectionCounter.incrementAndGet());
        Thread writer = Thread.ofVirtual().name("ipc-writer").start(c::writeLoop);
        try {
            CallerIdentity who = connection.caller();
            if (who.role().isEmpty()) {
                log.accept(who.isUnknown() ? "refused an IPC connection whose identity is unknown: " + who.process()
                        : "refused IPC connection from user " + who.user() + " (" + who.process() + ")");
                c.sendAndClose(errorFrame(null, ErrorCode.ACCESS_REFUSED, acceptor.refusal(who), null));
                writer.join();
                return;
            }
            c.caller = new Caller(who.user(), who.role().get());
            clients.add(c);
            if (closed) {
                c.close(null);
            }
            readLoop(c);
        } catch (IOException e) {
            c.close("reading failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            connections.decrementAndGet();
            clients.remove(c);
            c.close(null);
            if (c.closeReason() != null && !closed) {
                log.accept("dropped IPC " + c.label + " (" + (c.caller == null ? "?" : c.caller.user())
                        + "): " + c.closeReason());
            }
        }
    }

    private void readLoop(ClientConnection c) throws IOException, InterruptedException {
        FrameReader frames = new FrameReader(c.connection().in(), Protocol.MAX_FRAME_BYTES);
        while (!c.isClosed()) {
            FrameReader.Frame f;
            try {
                f = frames.next();
            } catch (ClosedChannelException e) {
                return;
            }
            switch (f) {
                case null -> {
                    return;
                }
                case FrameReader.TooLarge t -> send(c, errorFrame(null, ErrorCode.INVALID_REQUEST,
                        "request of " + t.bytes() + " bytes exceeds the limit of " + Protocol.MAX_FRAME_BYTES + " bytes",
                        null));
                case FrameReader.NotUtf8 n -> send(c, errorFrame(null, ErrorCode.PARSE_ERROR,
                        "request is not valid UTF-8", null));
                case FrameReader.Text t -> handleFrame(c, t.text());
            }
        }
    }

    private void handleFrame(ClientConnection c, String text) throws InterruptedException {
        if (text.isBlank()) {
            return;
        }
        JsonNode req;
        try {
            req = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            send(c, errorFrame(null, ErrorCode.PARSE_ERROR, "request is not valid JSON: " + e.getOriginalMessage(), null));
            return;
        }
        if (req == null || !req.isObject()) {
            send(c, errorFrame(null, ErrorCode.INVALID_REQUEST,
                    req != null && req.isArray() ? "batch requests are not supported; send one object per line"
                            : "a request must be a JSON object", null));
            return;
        }
        JsonNode id = req.get("id");
        if (id != null && !(id.isTextual() || id.isIntegralNumber() || id.isNull())) {
            send(c, errorFrame(null, ErrorCode.INVALID_REQUEST, "'id' must be a string or an integer", null));
            return;
        }
        JsonNode version = req.get("jsonrpc");
        JsonNode method = req.get("method");
        if (version == null || !"2.0".equals(version.asText()) || method == null || !method.isTextual()) {
            send(c, errorFrame(id, ErrorCode.INVALID_REQUEST,
                    "a request needs \"jsonrpc\": \"2.0\" and a string \"method\"", null));
            return;
        }
        c.inFlight.acquire();
        Thread.ofVirtual().name("ipc-call").start(() -> {
            try {
                Runnable[] then = new Runnable[1];
                String reply = call(c.caller, method.asText(), req.get("params"), id, then);
                // A request without id is a notification: JSON-RPC forbids answering it.
                if (id != null) {
                    send(c, reply);
                }
                if (then[0] != null) {
                    Thread.ofVirtual().name("ipc-after-reply").start(then[0]);
                }
            } finally {
                c.inFlight.release();
            }
        });
    }

    /** Runs one call and returns the reply frame; {@code then[0]} receives an {@link AfterReply} action. */
    private String call(Caller caller, String method, JsonNode params, JsonNode id, Runnable[] then) {
        Optional<MethodTable.Entry<?>> entry = methods.get(method);
        if (entry.isEmpty()) {
            return errorFrame(id, ErrorCode.METHOD_NOT_FOUND, "unknown method '" + abbreviate(method) + "'", null);
        }
        MethodTable.Entry<?> e = entry.get();
        if (!caller.role().allows(e.role())) {
            return errorFrame(id, ErrorCode.FORBIDDEN, "'" + method + "' needs the " + e.role().name().toLowerCase()
                    + " role; " + acceptor.adminHint(), null);
        }
        if (closed) {
            return errorFrame(id, ErrorCode.STOPPING, "the manager is shutting down", null);
        }
        Object bound;
        try {
            JsonNode p = params == null || params.isNull() ? JsonNodeFactory.instance.objectNode() : params;
            if (!p.isObject()) {
                return errorFrame(id, ErrorCode.INVALID_PARAMS, "'params' must be an object", null);
            }
            bound = strict.treeToValue(p, e.paramsType());
        } catch (UnrecognizedPropertyException ex) {
            return errorFrame(id, ErrorCode.INVALID_PARAMS, "'" + method + "' has no parameter '"
                    + abbreviate(ex.getPropertyName()) + "'", null);
        } catch (MismatchedInputException ex) {
            String path = ex.getPath().isEmpty() ? "params" : ex.getPath().getFirst().getFieldName();
            return errorFrame(id, ErrorCode.INVALID_PARAMS, "parameter '" + path + "' of '" + method
                    + "' has the wrong type", null);
        } catch (JsonProcessingException | IllegalArgumentException ex) {
            return errorFrame(id, ErrorCode.INVALID_PARAMS, "invalid parameters for '" + method + "'", null);
        }
        try {
            Object result = e.invoke(bound, caller);
            if (result instanceof AfterReply after) {
                result = after.result();
                then[0] = after.then();
            }
            ObjectNode resp = JsonNodeFactory.instance.objectNode();
            resp.put("jsonrpc", "2.0");
            resp.set("id", id);
            resp.set("result", mapper.valueToTree(result));
            return mapper.writeValueAsString(resp);
        } catch (RpcException ex) {
            return errorFrame(id, ex.code(), ex.getMessage(), ex.details());
        } catch (Exception ex) {
            log.accept("internal error in " + method + ": " + ex);
            return errorFrame(id, ErrorCode.INTERNAL_ERROR, "internal error in '" + method + "': " + ex.getMessage(), null);
        }
    }

    /**
     * Queues a frame for one client (which drops itself over its own budget), then, if all clients together have
     * more than {@link #OUTBOUND_BYTES_TOTAL} unread, drops the one with the most: the others may be slow for a
     * moment, it is the one not reading.
     */
    private void send(ClientConnection c, String frame) {
        if (!c.send(frame)) {
            return;
        }
        long total = 0;
        ClientConnection greediest = c;
        for (ClientConnection other : clients) {
            total += other.queuedBytes();
            if (other.queuedBytes() > greediest.queuedBytes()) {
                greediest = other;
            }
        }
        if (total > OUTBOUND_BYTES_TOTAL) {
            greediest.close("it stopped reading (" + greediest.queuedBytes() + " bytes queued, the most of any client "
                    + "when all of them had " + (OUTBOUND_BYTES_TOTAL >> 20) + " MiB of unread replies)");
        }
    }

    /** Sends a notification to every connected client; one that cannot keep up is dropped, never waited for. */
    public void broadcast(String method, Object params) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("jsonrpc", "2.0");
        n.put("method", method);
        n.set("params", mapper.valueToTree(params));
        String frame;
        try {
            frame = mapper.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("notification " + method + " is not serialisable", e);
        }
        for (ClientConnection c : clients) {
            send(c, frame);
        }
    }

    /** Number of authorised clients connected now. */
    public int clientCount() {
        return clients.size();
    }

    private String errorFrame(JsonNode id, ErrorCode code, String message, List<String> details) {
        ObjectNode resp = JsonNodeFactory.instance.objectNode();
        resp.put("jsonrpc", "2.0");
        resp.set("id", id == null ? JsonNodeFactory.instance.nullNode() : id);
        ObjectNode err = resp.putObject("error");
        err.put("code", code.code());
        err.put("message", message);
        if (details != null && !details.isEmpty()) {
            err.set("data", mapper.valueToTree(details));
        }
        try {
            return mapper.writeValueAsString(resp);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Echoing a client's text back is bounded, so a megabyte of method name is not reflected in full. */
    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }

    /**
     * Stops accepting (the Unix transport removes its socket file), lets each client receive what is already queued
     * for it (such as {@code manager.stopping}) for up to a second, and closes every connection.
     */
    @Override
    public void close() {
        closed = true;
        try {
            if (acceptor != null) {
                acceptor.close();
            }
        } catch (IOException ignored) {
            // Nothing useful to do about a failing close of a listening transport at shutdown.
        }
        clients.forEach(ClientConnection::finish);
        long deadline = System.nanoTime() + 1_000_000_000L;
        try {
            for (ClientConnection c : clients) {
                c.awaitClosed(Math.max(0, deadline - System.nanoTime()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        clients.forEach(c -> c.close(null));
    }
}
