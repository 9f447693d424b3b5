package dev.warren.app.ipc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warren.bridge.Platform;
import dev.warren.bridge.ipc.CallerIdentity;
import dev.warren.bridge.ipc.IpcConnection;
import dev.warren.bridge.windows.WindowsPlatform;
import dev.warren.bridge.windows.pipe.NamedPipeAcceptor;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A connection to the Warren manager: typed calls for every IPC method and a listener for its notifications.
 *
 * <p>Usage:
 * <pre>{@code
 * try (ManagerClient m = ManagerClient.connect(Protocol.socketPath())) {
 *     m.addListener(new ManagerListener() { ... });
 *     List<TunnelSummary> tunnels = ManagerClient.await(m.listTunnels());
 *     m.startTunnel("wg0").thenAccept(s -> ...);
 * }
 * }</pre>
 *
 * <p>{@link #connect(Path)} blocks until the manager has accepted the caller and reports its {@link #session()}
 * (user and role); it throws {@link ManagerUnavailableException} when no manager runs and
 * {@link AccessRefusedException} when the user may not use it — both with a message fit to show as is. Every call
 * returns at once with a future; it completes with the result, or exceptionally with {@link RpcException} (the
 * manager's error: code, message, per-item details) or {@link ManagerUnavailableException} (connection lost).
 * {@link #await(CompletableFuture)} blocks for one with a timeout and unwraps those exceptions.
 *
 * <p>Thread-safe. One instance is one connection: after the manager goes away, listeners get
 * {@link ManagerListener#disconnected} and a new instance must be connected (nothing is retried behind the
 * caller's back, so a reconnecting GUI decides itself when to try again).
 */
public final class ManagerClient implements AutoCloseable {

    /** How long {@link #await(CompletableFuture)} waits by default; a tunnel start resolves DNS, so be generous. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final Path socketPath;
    private final IpcConnection connection;
    private final ObjectMapper mapper = Protocol.mapper();
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final List<ManagerListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService notifier;
    private final Object writeLock = new Object();
    private final AtomicBoolean shutDown = new AtomicBoolean();
    private Thread reader;
    private volatile SessionInfo session;
    private volatile AccessRefusedException refusal;
    private volatile boolean closed;

    private record Pending(CompletableFuture<Object> future, JavaType type) {
    }

    private ManagerClient(Path socketPath, IpcConnection connection) {
        this.socketPath = socketPath;
        this.connection = connection;
        this.notifier = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("warren-ipc-notify").factory());
    }

    /**
     * Connects to this system's manager: the socket {@link Protocol#socketPath()} names, or on Windows the pipe
     * {@code \\.\pipe\Warren\Manager} (only if LocalSystem owns it).
     */
    public static ManagerClient connect() {
        if (Platform.current() instanceof WindowsPlatform windows) {
            IpcConnection pipe;
            try {
                pipe = windows.bridge().connectManagerPipe();
            } catch (IOException e) {
                throw new ManagerUnavailableException(e.getMessage(), e);
            }
            return identify(new ManagerClient(Path.of(NamedPipeAcceptor.MANAGER_PIPE), pipe));
        }
        return connect(Protocol.socketPath());
    }

    /**
     * Connects and identifies: returns once the manager has accepted this user.
     *
     * @throws ManagerUnavailableException no manager listens on {@code socket}
     * @throws AccessRefusedException      the manager (or the socket's permissions) refused this user
     */
    public static ManagerClient connect(Path socket) {
        SocketChannel ch;
        try {
            ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            ch.connect(UnixDomainSocketAddress.of(socket));
        } catch (AccessDeniedException e) {
            throw new AccessRefusedException("You may not use the Warren manager (permission denied on " + socket
                    + "): ask an administrator to add you to the operator group, then log in again.", e);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("ermission denied")) {
                throw new AccessRefusedException("You may not use the Warren manager (permission denied on " + socket
                        + "): ask an administrator to add you to the operator group, then log in again.", e);
            }
            throw ManagerUnavailableException.notRunning(socket, e);
        }
        return identify(new ManagerClient(socket, new ChannelConnection(ch,
                new CallerIdentity("manager", socket.toString(), Optional.empty()))));
    }

    /** Starts reading and asks who we are: returns once the manager has accepted this user. */
    private static ManagerClient identify(ManagerClient c) {
        c.reader = Thread.ofPlatform().daemon().name("warren-ipc-reader").start(c::readLoop);
        try {
            c.session = await(c.call(Protocol.SESSION_INFO, new RequestParams.None(), SessionInfo.class),
                    Duration.ofSeconds(10));
        } catch (ManagerException e) {
            // A refused client may see its request fail before it has read the refusal that explains why.
            try {
                c.reader.join(Duration.ofSeconds(2));
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
            c.close();
            throw c.refusal != null ? c.refusal : e;
        }
        return c;
    }

    /** Who the manager thinks this client is, and its role. */
    public SessionInfo session() {
        return session;
    }

    /** The socket this client is connected to. */
    public Path socketPath() {
        return socketPath;
    }

    public CompletableFuture<List<TunnelSummary>> listTunnels() {
        return call(Protocol.TUNNELS_LIST, new RequestParams.None(), new TypeReference<List<TunnelSummary>>() { });
    }

    /** The stored config text; for an operator with keys and scripts removed ({@link StoredConfig#redacted()}). */
    public CompletableFuture<StoredConfig> getConfig(String name) {
        return call(Protocol.TUNNELS_GET, new RequestParams.Name(name), StoredConfig.class);
    }

    /** Live figures of a running tunnel; completes with {@code null} when the tunnel is not running. */
    public CompletableFuture<TunnelRuntime> runtime(String name) {
        return call(Protocol.TUNNELS_RUNTIME, new RequestParams.Name(name), TunnelRuntime.class);
    }

    /** Stores a new tunnel; fails with {@link ErrorCode#INVALID_CONFIG} (details per error) or {@link ErrorCode#TUNNEL_EXISTS}. */
    public CompletableFuture<TunnelSummary> createTunnel(String name, String configText) {
        return call(Protocol.TUNNELS_CREATE, new RequestParams.Create(name, configText), TunnelSummary.class);
    }

    /**
     * Replaces a tunnel's config and optionally renames it ({@code newName} null keeps the name). A running tunnel
     * is stopped, replaced and started again.
     */
    public CompletableFuture<TunnelSummary> updateTunnel(String name, String newName, String configText) {
        return call(Protocol.TUNNELS_UPDATE, new RequestParams.Update(name, newName, configText), TunnelSummary.class);
    }

    /** Stops the tunnel if it runs and removes it from the store. */
    public CompletableFuture<Void> deleteTunnel(String name) {
        return call(Protocol.TUNNELS_DELETE, new RequestParams.Name(name), Void.class);
    }

    /** Starts a tunnel (stopping running tunnels that overlap it); completes when it is active or has failed. */
    public CompletableFuture<TunnelSummary> startTunnel(String name) {
        return call(Protocol.TUNNELS_START, new RequestParams.Name(name), TunnelSummary.class);
    }

    public CompletableFuture<TunnelSummary> stopTunnel(String name) {
        return call(Protocol.TUNNELS_STOP, new RequestParams.Name(name), TunnelSummary.class);
    }

    /** Marks whether the manager starts the tunnel when it starts. */
    public CompletableFuture<TunnelSummary> setBootStart(String name, boolean enabled) {
        return call(Protocol.TUNNELS_SET_BOOT_START, new RequestParams.BootStart(name, enabled), TunnelSummary.class);
    }

    public CompletableFuture<ManagerState> managerState() {
        return call(Protocol.MANAGER_STATE, new RequestParams.None(), StateResult.class).thenApply(StateResult::state);
    }

    /**
     * Reads the ring log from sequence number {@code cursor} on (a negative cursor: the last {@code limit}
     * entries); pass {@link LogPage#next()} to continue.
     */
    public CompletableFuture<LogPage> readLog(long cursor, int limit) {
        return call(Protocol.LOG_READ, new RequestParams.LogRead(cursor, limit), LogPage.class);
    }

    /** Writes a line tagged {@code ui} to the ring log. */
    public CompletableFuture<Void> writeLog(String message) {
        return call(Protocol.LOG_WRITE, new RequestParams.LogWrite(message), Void.class);
    }

    /** Every stored config as a zip of {@code <name>.conf} files (administrators only). */
    public CompletableFuture<byte[]> exportZip() {
        return call(Protocol.TUNNELS_EXPORT_ZIP, new RequestParams.None(), ZipResult.class)
                .thenApply(z -> Base64.getDecoder().decode(z.zip()));
    }

    /** Asks the manager to stop its tunnels and exit (administrators only). */
    public CompletableFuture<Void> quit() {
        return call(Protocol.MANAGER_QUIT, new RequestParams.None(), Void.class);
    }

    /** Result shape of {@code manager.state}. */
    record StateResult(ManagerState state) {
    }

    /** Result shape of {@code tunnels.exportZip}. */
    record ZipResult(String zip) {
    }

    public void addListener(ManagerListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(ManagerListener listener) {
        listeners.remove(listener);
    }

    /** True until the connection is closed by either side. */
    public boolean isConnected() {
        return !closed;
    }

    /** Waits up to {@link #DEFAULT_TIMEOUT} for {@code f}; see {@link #await(CompletableFuture, Duration)}. */
    public static <T> T await(CompletableFuture<T> f) {
        return await(f, DEFAULT_TIMEOUT);
    }

    /**
     * Blocks for a call's result.
     *
     * @throws RpcException                the manager answered with an error
     * @throws ManagerUnavailableException the connection was lost or the manager did not answer in time
     */
    public static <T> T await(CompletableFuture<T> f, Duration timeout) {
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ManagerException m) {
                throw m;
            }
            throw new ManagerException("The manager call failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new ManagerUnavailableException("The Warren manager did not answer within " + timeout.toSeconds()
                    + " s: check that it is running (`systemctl status warren`).", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ManagerException("Interrupted while waiting for the Warren manager.", e);
        }
    }

    <T> CompletableFuture<T> call(String method, Object params, Class<T> resultType) {
        return call(method, params, mapper.getTypeFactory().constructType(resultType));
    }

    <T> CompletableFuture<T> call(String method, Object params, TypeReference<T> resultType) {
        return call(method, params, mapper.getTypeFactory().constructType(resultType));
    }

    @SuppressWarnings("unchecked")
    private <T> CompletableFuture<T> call(String method, Object params, JavaType resultType) {
        CompletableFuture<Object> f = new CompletableFuture<>();
        if (closed) {
            f.completeExceptionally(lostConnection(null));
            return (CompletableFuture<T>) (CompletableFuture<?>) f;
        }
        long id = nextId.getAndIncrement();
        pending.put(id, new Pending(f, resultType));
        ObjectNode req = JsonNodeFactory.instance.objectNode();
        req.put("jsonrpc", "2.0");
        req.put("id", id);
        req.put("method", method);
        req.set("params", mapper.valueToTree(params));
        try {
            byte[] frame = (mapper.writeValueAsString(req) + "\n").getBytes(StandardCharsets.UTF_8);
            synchronized (writeLock) {
                connection.out().write(frame);
                connection.out().flush();
            }
        } catch (IOException e) {
            // The reader sees the same broken connection and shuts down; this call just fails.
            pending.remove(id);
            f.completeExceptionally(lostConnection(e));
        }
        return (CompletableFuture<T>) (CompletableFuture<?>) f;
    }

    private void readLoop() {
        ManagerException cause = null;
        try {
            FrameReader frames = new FrameReader(connection.in(), Protocol.MAX_FRAME_BYTES * 64);
            for (FrameReader.Frame f = frames.next(); f != null; f = frames.next()) {
                if (f instanceof FrameReader.Text t) {
                    cause = dispatch(mapper.readTree(t.text()));
                    if (cause != null) {
                        break;
                    }
                }
            }
        } catch (IOException e) {
            cause = closed ? null : lostConnection(e);
        }
        shutDown(cause != null ? cause : closed ? null : lostConnection(null));
    }

    /** Handles one frame from the manager; returns non-null when the manager refused us. */
    private ManagerException dispatch(JsonNode msg) throws JsonProcessingException {
        JsonNode method = msg.get("method");
        if (method != null && method.isTextual()) {
            notifyListeners(method.asText(), msg.get("params"));
            return null;
        }
        JsonNode id = msg.get("id");
        JsonNode error = msg.get("error");
        if (id == null || id.isNull()) {
            if (error != null && error.path("code").asInt() == ErrorCode.ACCESS_REFUSED.code()) {
                refusal = new AccessRefusedException(error.path("message").asText(), null);
                return refusal;
            }
            return null;
        }
        Pending p = pending.remove(id.asLong());
        if (p == null) {
            return null;
        }
        if (error != null) {
            List<String> details = new ArrayList<>();
            error.path("data").forEach(d -> details.add(d.asText()));
            p.future.completeExceptionally(new RpcException(ErrorCode.of(error.path("code").asInt()),
                    error.path("message").asText("the manager reported an error"), details));
        } else {
            JsonNode result = msg.get("result");
            p.future.complete(result == null || result.isNull() ? null : mapper.treeToValue(result, p.type));
        }
        return null;
    }

    private void notifyListeners(String method, JsonNode params) throws JsonProcessingException {
        Runnable event = switch (method) {
            case Protocol.TUNNEL_STATE_CHANGED -> {
                TunnelStateChange c = mapper.treeToValue(params, TunnelStateChange.class);
                yield () -> listeners.forEach(l -> l.tunnelStateChanged(c));
            }
            case Protocol.TUNNELS_CHANGED -> {
                List<TunnelSummary> t = mapper.convertValue(params.path("tunnels"), new TypeReference<List<TunnelSummary>>() { });
                yield () -> listeners.forEach(l -> l.tunnelsChanged(t));
            }
            case Protocol.MANAGER_STATE_CHANGED -> {
                ManagerState s = mapper.treeToValue(params, StateResult.class).state();
                yield () -> listeners.forEach(l -> l.managerStateChanged(s));
            }
            case Protocol.LOG_APPENDED -> {
                List<LogEntry> e = mapper.convertValue(params.path("entries"), new TypeReference<List<LogEntry>>() { });
                yield () -> listeners.forEach(l -> l.logAppended(e));
            }
            case Protocol.MANAGER_STOPPING -> () -> listeners.forEach(ManagerListener::managerStopping);
            // A newer manager may send notifications this client does not know yet.
            default -> null;
        };
        if (event != null) {
            try {
                notifier.execute(event);
            } catch (RejectedExecutionException e) {
                // Closed by the application while this notification was on its way; nobody wants it now.
            }
        }
    }

    private ManagerUnavailableException lostConnection(Throwable cause) {
        return new ManagerUnavailableException("The connection to the Warren manager was lost: it stopped or "
                + "dropped this client; start it again (`sudo systemctl start warren-manager`, or `sudo ./warren manager` "
                + "from a source checkout) and reconnect.", cause);
    }

    private void shutDown(ManagerException cause) {
        if (!shutDown.compareAndSet(false, true)) {
            return;
        }
        closed = true;
        try {
            connection.close();
        } catch (IOException ignored) {
            // Already broken; nothing more to release.
        }
        ManagerException failure = cause != null ? cause : lostConnection(null);
        pending.values().forEach(p -> p.future.completeExceptionally(failure));
        pending.clear();
        notifier.execute(() -> listeners.forEach(l -> l.disconnected(cause)));
        notifier.shutdown();
    }

    /** Closes the connection; pending calls fail with {@link ManagerUnavailableException}. */
    @Override
    public void close() {
        shutDown(null);
    }

}
