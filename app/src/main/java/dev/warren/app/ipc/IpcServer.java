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
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The manager's end of the IPC: a JSON-RPC 2.0 server on a Unix domain socket that authorises every connection
 * from its peer credentials and dispatches requests to a {@link MethodTable}.
 *
 * <p>Each connection has a reader thread, a writer thread with a bounded queue ({@link ClientConnection}) and up
 * to {@link ClientConnection#MAX_IN_FLIGHT} requests running at once, all on virtual threads. Responses to one
 * client's concurrent requests may therefore arrive in any order, as JSON-RPC allows; they are matched by id.
 */
public final class IpcServer implements AutoCloseable {

    private final Path socket;
    private final AccessPolicy policy;
    private final MethodTable methods;
    private final Consumer<String> log;
    private final ObjectMapper mapper = Protocol.mapper();
    /** Parameters are bound strictly: a misspelt or extra parameter is an error, not silently ignored. */
    private final ObjectMapper strict = strictMapper();
    private final Set<ClientConnection> clients = ConcurrentHashMap.newKeySet();
    private final AtomicLong connectionCounter = new AtomicLong();
    private ServerSocketChannel server;
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
    public IpcServer(Path socket, AccessPolicy policy, MethodTable methods, Consumer<String> log) {
        this.socket = socket;
        this.policy = policy;
        this.methods = methods;
        this.log = log;
    }

    /**
     * Binds the socket and starts accepting. Fails if another process is already listening on it; a stale socket
     * file left by a killed manager is replaced.
     */
    public void start() throws IOException {
        Path dir = socket.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        }
        if (Files.exists(socket)) {
            if (isLive(socket)) {
                throw new IOException("another Warren manager is already listening on " + socket);
            }
            Files.delete(socket);
        }
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        restrictSocketFile();
        Thread.ofVirtual().name("ipc-accept").start(this::acceptLoop);
    }

    /** True if something accepts connections on {@code socket}. */
    public static boolean isLive(Path socket) {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            return ch.isConnected();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Mode 0660, owner root (us), group the operator group, plus an ACL entry for the admin group: the kernel
     * then refuses everyone else at connect, before our own check runs. A missing group only narrows who can
     * connect, which fails safe.
     */
    private void restrictSocketFile() throws IOException {
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
        try {
            GroupPrincipal group = socket.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByGroupName(policy.operatorGroup());
            Files.setAttribute(socket, "posix:group", group);
        } catch (IOException e) {
            log.accept("group '" + policy.operatorGroup() + "' does not exist: no operator can reach " + socket);
        }
        OptionalInt admins = PosixAccounts.groupId(policy.adminGroup());
        if (admins.isEmpty()) {
            log.accept("group '" + policy.adminGroup() + "' does not exist: only root has admin access");
        } else if (!policy.adminGroup().equals(policy.operatorGroup())) {
            try {
                SocketAcl.grantGroup(socket, admins.getAsInt());
            } catch (IOException e) {
                log.accept(e.getMessage() + ": members of '" + policy.adminGroup() + "' must also be in '"
                        + policy.operatorGroup() + "' to reach the socket");
            }
        }
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    log.accept("accepting IPC connections failed: " + e.getMessage());
                }
                return;
            }
            Thread.ofVirtual().name("ipc-client").start(() -> serve(ch));
        }
    }

    private void serve(SocketChannel ch) {
        ClientConnection c = new ClientConnection(ch, "client " + connectionCounter.incrementAndGet());
        Thread writer = Thread.ofVirtual().name("ipc-writer").start(c::writeLoop);
        try {
            PeerCredentials who;
            try {
                who = PeerCredentials.of(ch);
            } catch (IOException e) {
                log.accept("refused an IPC connection whose identity is unknown: " + e.getMessage());
                c.sendAndClose(errorFrame(null, ErrorCode.ACCESS_REFUSED,
                        "The Warren manager could not determine who you are (" + e.getMessage() + ").", null));
                writer.join();
                return;
            }
            Optional<Role> role = policy.roleOf(who);
            if (role.isEmpty()) {
                log.accept("refused IPC connection from user " + who.user() + " (uid " + who.uid() + ")");
                c.sendAndClose(errorFrame(null, ErrorCode.ACCESS_REFUSED, policy.refusal(who), null));
                writer.join();
                return;
            }
            c.caller = new Caller(who, role.get());
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
            clients.remove(c);
            c.close(null);
            if (c.closeReason() != null && !closed) {
                log.accept("dropped IPC " + c.label + " (" + (c.caller == null ? "?" : c.caller.credentials().user())
                        + "): " + c.closeReason());
            }
        }
    }

    private void readLoop(ClientConnection c) throws IOException, InterruptedException {
        FrameReader frames = new FrameReader(Channels.newInputStream(c.channel()), Protocol.MAX_FRAME_BYTES);
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
                case FrameReader.TooLarge t -> c.send(errorFrame(null, ErrorCode.INVALID_REQUEST,
                        "request of " + t.bytes() + " bytes exceeds the limit of " + Protocol.MAX_FRAME_BYTES + " bytes",
                        null));
                case FrameReader.NotUtf8 n -> c.send(errorFrame(null, ErrorCode.PARSE_ERROR,
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
            c.send(errorFrame(null, ErrorCode.PARSE_ERROR, "request is not valid JSON: " + e.getOriginalMessage(), null));
            return;
        }
        if (req == null || !req.isObject()) {
            c.send(errorFrame(null, ErrorCode.INVALID_REQUEST,
                    req != null && req.isArray() ? "batch requests are not supported; send one object per line"
                            : "a request must be a JSON object", null));
            return;
        }
        JsonNode id = req.get("id");
        if (id != null && !(id.isTextual() || id.isIntegralNumber() || id.isNull())) {
            c.send(errorFrame(null, ErrorCode.INVALID_REQUEST, "'id' must be a string or an integer", null));
            return;
        }
        JsonNode version = req.get("jsonrpc");
        JsonNode method = req.get("method");
        if (version == null || !"2.0".equals(version.asText()) || method == null || !method.isTextual()) {
            c.send(errorFrame(id, ErrorCode.INVALID_REQUEST,
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
                    c.send(reply);
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
                    + " role; ask an administrator to add you to the '" + policy.adminGroup() + "' group", null);
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
            c.send(frame);
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
     * Stops accepting, lets each client receive what is already queued for it (such as {@code manager.stopping})
     * for up to a second, closes every connection and removes the socket file.
     */
    @Override
    public void close() {
        closed = true;
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException ignored) {
            // Nothing useful to do about a failing close of a listening socket at shutdown.
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
        try {
            Files.deleteIfExists(socket);
        } catch (IOException ignored) {
            // A leftover socket file is replaced by the next start.
        }
    }
}
