package dev.warren.app.manager;

import dev.warren.app.ipc.AfterReply;
import dev.warren.app.ipc.Caller;
import dev.warren.app.ipc.ErrorCode;
import dev.warren.app.ipc.IpcServer;
import dev.warren.app.ipc.LogEntry;
import dev.warren.app.ipc.LogPage;
import dev.warren.app.ipc.ManagerState;
import dev.warren.app.ipc.MethodTable;
import dev.warren.app.ipc.Protocol;
import dev.warren.app.ipc.RequestParams;
import dev.warren.app.ipc.RpcException;
import dev.warren.app.ipc.SessionInfo;
import dev.warren.app.ipc.StoredConfig;
import dev.warren.app.ipc.TunnelState;
import dev.warren.app.ipc.TunnelStateChange;
import dev.warren.app.ipc.TunnelSummary;
import dev.warren.bridge.Closing;
import dev.warren.bridge.ipc.Role;
import dev.warren.core.config.ConfigError;
import dev.warren.core.config.IpNetwork;
import dev.warren.core.config.TunnelConfig;
import dev.warren.core.config.TunnelName;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The tunnel manager: owns the config store, the running tunnels and the log, and serves them over IPC.
 *
 * <p>{@link #start()} brings it up (single instance, stale cleanup, boot-start tunnels), {@link #awaitStop()}
 * blocks until {@code manager.quit} or {@link #stop()} (called from the SIGTERM/SIGINT hook), which tells clients,
 * stops every tunnel and releases the socket.
 */
public final class ManagerService {

    private static final DateTimeFormatter CONSOLE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    /** Hidden, so the store never mistakes it for a tunnel. */
    static final String STORE_LOCK = ".manager.lock";

    private final ManagerOptions options;
    private final TunnelDriver driver;
    private final ManagerPlatform platform;
    private final PrintStream console;
    private final Map<TunnelName, StoredTunnel> tunnels = new ConcurrentHashMap<>();
    /** Serialises changes to the store and the tunnel table (IPC mutations and the store watcher). */
    private final ReentrantLock mutation = new ReentrantLock();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final LogWriteLimit logWrites = new LogWriteLimit(System::nanoTime);
    private final AtomicReference<ManagerState> lastState = new AtomicReference<>(ManagerState.INACTIVE);
    private final List<InstanceLock> locks = new ArrayList<>();
    private RingLog log;
    private ConfigStore store;
    private TunnelSupervisor supervisor;
    private IpcServer server;

    /**
     * @param platform where clients connect and how tunnel files are kept ({@link ManagerPlatform#of})
     * @param console  where log lines are echoed as they are written (the foreground manager's stdout), or null
     */
    public ManagerService(ManagerOptions options, TunnelDriver driver, ManagerPlatform platform,
            PrintStream console) {
        this.options = options;
        this.driver = driver;
        this.platform = platform;
        this.console = console;
    }

    /** Starts everything; fails with a one-sentence reason if another manager runs or a resource is unusable. */
    public void start() throws IOException {
        try {
            TunnelFiles files = acquireInstanceLocks();
            log = RingLog.open(options.log());
            log.addListener(this::onLogEntry);
            log.append("manager", "manager starting (store " + options.store() + ", socket " + options.socket()
                    + (options.allowScripts() ? ", scripts allowed" : "") + ")");
            store = ConfigStore.open(files);
            store.removeLeftoverTempFiles();
            supervisor = new TunnelSupervisor(driver, new RuntimeStateFile(options.runtimeState()),
                    options.allowScripts(), log, this::onStateChanged);
            supervisor.cleanUpStale();
            for (TunnelName n : store.names()) {
                load(n);
            }
            Consumer<String> serverLog = m -> log.append("manager", m);
            server = new IpcServer(() -> platform.openTransport(options, serverLog), methods(), serverLog);
            server.start();
            store.watch(this::onStoreChanged);
            log.append("manager", "listening on " + options.socket() + " with " + tunnels.size() + " tunnel(s)");
            startBootTunnels();
        } catch (IOException | RuntimeException e) {
            releaseResources();
            throw e;
        }
    }

    /**
     * A second manager must not run on the same socket, nor on the same config store or ring log under another
     * socket: each has a lock file held for the process's life (the kernel drops it if we are killed), and
     * {@link IpcServer#start()} also refuses a socket someone listens on. The store's lock is inside the store, so
     * that every path that leads to the directory leads to the same lock.
     *
     * @return the opened store, whose directory now exists with its protection
     */
    private TunnelFiles acquireInstanceLocks() throws IOException {
        locks.add(InstanceLock.acquire(options.lockFile(), "the socket " + options.socket()));
        TunnelFiles files = platform.openStore(options.store());
        locks.add(InstanceLock.acquire(files.directory().resolve(STORE_LOCK), "the config store " + files.directory()));
        locks.add(InstanceLock.acquire(options.logLockFile(), "the log " + options.log()));
        return files;
    }

    private void startBootTunnels() throws IOException {
        for (TunnelName n : store.bootStart()) {
            mutation.lock();
            try {
                StoredTunnel t = tunnels.get(n);
                if (t == null || t.config().isEmpty()) {
                    log.append(n.value(), "not started at boot: its config is invalid");
                    continue;
                }
                supervisor.start(n, t.config().get(), t.killSwitch().orElseThrow());
            } catch (TunnelException e) {
                // The supervisor logged it and the tunnel shows the error; the others still start.
            } finally {
                mutation.unlock();
            }
        }
    }

    /** Blocks until the manager has stopped. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Tells clients, stops every tunnel, closes the socket and the log. Safe to call more than once. */
    public void stop() {
        if (!stopping.compareAndSet(false, true)) {
            awaitQuietly();
            return;
        }
        try {
            if (server != null) {
                server.broadcast(Protocol.MANAGER_STOPPING, Map.of());
            }
            log.append("manager", "manager stopping");
            if (supervisor != null) {
                supervisor.stopAll();
            }
        } finally {
            releaseResources();
            stopped.countDown();
        }
    }

    private void awaitQuietly() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void releaseResources() {
        if (server != null) {
            server.close();
        }
        try {
            if (store != null) {
                store.close();
            }
            if (log != null) {
                log.append("manager", "manager stopped");
                log.close();
            }
            InstanceLock[] held = locks.reversed().toArray(InstanceLock[]::new);
            locks.clear();
            Closing.all(held);
        } catch (IOException e) {
            if (console != null) {
                console.println("warren manager: error while shutting down: " + e.getMessage());
            }
        }
    }

    // ---- events ------------------------------------------------------------------------------------------

    private void onLogEntry(LogEntry e) {
        if (console != null) {
            console.println(CONSOLE_TIME.format(Instant.ofEpochMilli(e.timeMillis())) + " [" + e.source() + "] "
                    + e.message());
        }
        if (server != null) {
            server.broadcast(Protocol.LOG_APPENDED, Map.of("entries", List.of(e)));
        }
    }

    private void onStateChanged(TunnelName name, TunnelState state, String error) {
        if (server == null) {
            return;
        }
        server.broadcast(Protocol.TUNNEL_STATE_CHANGED, new TunnelStateChange(name.value(), state, error));
        ManagerState now = globalState();
        if (lastState.getAndSet(now) != now) {
            server.broadcast(Protocol.MANAGER_STATE_CHANGED, Map.of("state", now));
        }
    }

    private void onStoreChanged(TunnelName name) {
        mutation.lock();
        try {
            StoredTunnel before = tunnels.get(name);
            Optional<StoredTunnel> after = readStored(name);
            if (after.isEmpty()) {
                if (before != null) {
                    tunnels.remove(name);
                    log.append(name.value(), store.exists(name) ? "config file no longer used"
                            : "config file removed from the store");
                    stopQuietly(name);
                    supervisor.forget(name);
                    tunnelsChanged();
                }
                return;
            }
            if (before != null && before.text().equals(after.get().text())) {
                return; // our own write, or a touch without change
            }
            store.restrictMode(name);
            tunnels.put(name, after.get());
            logParse(after.get(), before == null ? "picked up new config file" : "config file changed on disk");
            tunnelsChanged();
        } catch (IOException e) {
            log.append(name.value(), "cannot read config file: " + e.getMessage());
        } finally {
            mutation.unlock();
        }
    }

    private void logParse(StoredTunnel t, String what) {
        if (t.errors().isEmpty()) {
            log.append(t.name().value(), what);
            return;
        }
        log.append(t.name().value(), what + ", but it is invalid (" + t.errors().size() + " error(s)); it stays in "
                + "the store until fixed");
        for (ConfigError e : t.errors()) {
            log.append(t.name().value(), e.format());
        }
    }

    private void tunnelsChanged() {
        if (server != null) {
            server.broadcast(Protocol.TUNNELS_CHANGED, Map.of("tunnels", summaries()));
        }
    }

    private void load(TunnelName n) throws IOException {
        Optional<StoredTunnel> t = readStored(n);
        if (t.isPresent()) {
            tunnels.put(n, t.get());
            store.restrictMode(n);
            if (!t.get().errors().isEmpty()) {
                logParse(t.get(), "loaded");
            }
        }
    }

    /** A file the store refuses to trust is logged, once per change, and otherwise treated as absent. */
    private Optional<StoredTunnel> readStored(TunnelName n) throws IOException {
        try {
            return store.read(n).map(bytes -> StoredTunnel.parse(n, bytes));
        } catch (UntrustedStoreFileException e) {
            log.append(n.value(), e.getMessage());
            return Optional.empty();
        }
    }

    // ---- methods ------------------------------------------------------------------------------------------

    private MethodTable methods() {
        return new MethodTable()
                .add(Protocol.SESSION_INFO, Role.OPERATOR, RequestParams.None.class, (p, c) -> session(c))
                .add(Protocol.MANAGER_STATE, Role.OPERATOR, RequestParams.None.class,
                        (p, c) -> Map.of("state", globalState()))
                .add(Protocol.MANAGER_QUIT, Role.ADMIN, RequestParams.None.class, this::quit)
                .add(Protocol.TUNNELS_LIST, Role.OPERATOR, RequestParams.None.class, (p, c) -> summaries())
                .add(Protocol.TUNNELS_GET, Role.OPERATOR, RequestParams.Name.class, this::get)
                .add(Protocol.TUNNELS_RUNTIME, Role.OPERATOR, RequestParams.Name.class,
                        (p, c) -> supervisor.runtime(existing(p.name()).name()).orElse(null))
                .add(Protocol.TUNNELS_CREATE, Role.ADMIN, RequestParams.Create.class, this::create)
                .add(Protocol.TUNNELS_UPDATE, Role.ADMIN, RequestParams.Update.class, this::update)
                .add(Protocol.TUNNELS_DELETE, Role.ADMIN, RequestParams.Name.class, this::delete)
                .add(Protocol.TUNNELS_START, Role.OPERATOR, RequestParams.Name.class, this::startTunnel)
                .add(Protocol.TUNNELS_STOP, Role.OPERATOR, RequestParams.Name.class, this::stopTunnel)
                .add(Protocol.TUNNELS_SET_BOOT_START, Role.ADMIN, RequestParams.BootStart.class, this::setBootStart)
                .add(Protocol.TUNNELS_EXPORT_ZIP, Role.ADMIN, RequestParams.None.class, (p, c) -> exportZip())
                .add(Protocol.LOG_READ, Role.OPERATOR, RequestParams.LogRead.class, this::readLog)
                .add(Protocol.LOG_WRITE, Role.OPERATOR, RequestParams.LogWrite.class, this::writeLog);
    }

    private SessionInfo session(Caller c) {
        String v = ManagerService.class.getPackage().getImplementationVersion();
        return new SessionInfo(c.user(), c.role(), v == null ? "development" : v);
    }

    private Object quit(RequestParams.None p, Caller c) {
        log.append("manager", "quit requested by " + c.user());
        // The reply goes out first: stopping closes this very connection.
        return new AfterReply(null, this::stop);
    }

    private ManagerState globalState() {
        List<TunnelState> states = new ArrayList<>();
        tunnels.keySet().forEach(n -> states.add(supervisor.status(n).state()));
        return ManagerState.of(states);
    }

    private List<TunnelSummary> summaries() {
        Set<TunnelName> boot;
        try {
            boot = store.bootStart();
        } catch (IOException e) {
            boot = Set.of();
        }
        List<TunnelSummary> out = new ArrayList<>();
        for (StoredTunnel t : new TreeMap<>(byName(tunnels)).values()) {
            out.add(summary(t, boot.contains(t.name())));
        }
        return out;
    }

    private static Map<String, StoredTunnel> byName(Map<TunnelName, StoredTunnel> m) {
        Map<String, StoredTunnel> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k.value(), v));
        return out;
    }

    private TunnelSummary summary(StoredTunnel t, boolean bootStart) {
        TunnelSupervisor.Status s = supervisor.status(t.name());
        String error = s.error();
        if (error == null && !t.errors().isEmpty()) {
            error = "the config is invalid: " + t.errors().getFirst().format();
        }
        List<String> addresses = t.config().map(c -> c.interfaceConfig().addresses().stream()
                .map(IpNetwork::toString).toList()).orElse(List.of());
        return new TunnelSummary(t.name().value(), s.state(), error, bootStart, addresses);
    }

    private TunnelSummary summary(TunnelName n) throws IOException {
        return summary(tunnels.get(n), store.bootStart().contains(n));
    }

    private StoredConfig get(RequestParams.Name p, Caller c) {
        StoredTunnel t = existing(p.name());
        if (c.isAdmin()) {
            return new StoredConfig(t.name().value(), t.text(), false);
        }
        ConfigRedactor.Redacted r = ConfigRedactor.redact(t.text());
        return new StoredConfig(t.name().value(), r.text(), r.changed());
    }

    private TunnelSummary create(RequestParams.Create p, Caller c) throws IOException {
        TunnelName name = newName(p.name());
        StoredTunnel t = valid(name, require(p.config(), "config"));
        mutation.lock();
        try {
            if (tunnels.containsKey(name) || store.exists(name)) {
                throw new RpcException(ErrorCode.TUNNEL_EXISTS, "a tunnel named '" + name.value() + "' already exists");
            }
            store.write(name, t.text());
            tunnels.put(name, t);
            log.append(name.value(), "created by " + c.user());
            tunnelsChanged();
            return summary(name);
        } finally {
            mutation.unlock();
        }
    }

    /** The tunnel is looked up under the lock: one deleted meanwhile must not come back from a stale copy. */
    private TunnelSummary update(RequestParams.Update p, Caller c) throws IOException {
        mutation.lock();
        try {
            StoredTunnel old = existing(p.name());
            TunnelName target = p.newName() == null || p.newName().equals(p.name()) ? old.name() : newName(p.newName());
            StoredTunnel t = valid(target, require(p.config(), "config"));
            boolean rename = !target.equals(old.name());
            if (rename && (tunnels.containsKey(target) || store.exists(target))) {
                throw new RpcException(ErrorCode.TUNNEL_EXISTS, "cannot rename '" + old.name().value() + "' to '"
                        + target.value() + "': a tunnel with that name already exists");
            }
            if (!rename && old.text().equals(t.text())) {
                return summary(target);
            }
            boolean wasRunning = supervisor.isRunning(old.name());
            boolean boot = store.bootStart().contains(old.name());
            if (wasRunning) {
                stopOrFail(old.name());
            }
            // New file first: a crash between the two steps leaves a duplicate, never a lost tunnel.
            store.write(target, t.text());
            tunnels.put(target, t);
            if (rename) {
                store.delete(old.name());
                tunnels.remove(old.name());
                supervisor.forget(old.name());
                if (boot) {
                    store.setBootStart(target, true);
                }
                log.append(target.value(), "renamed from '" + old.name().value() + "' by " + c.user());
            } else {
                log.append(target.value(), "config changed by " + c.user());
            }
            tunnelsChanged();
            if (wasRunning) {
                try {
                    supervisor.start(target, t.config().orElseThrow(), t.killSwitch().orElseThrow());
                } catch (TunnelException e) {
                    throw new RpcException(ErrorCode.TUNNEL_FAILED, "the config was saved, but restarting '"
                            + target.value() + "' failed: " + e.getMessage());
                }
            }
            return summary(target);
        } finally {
            mutation.unlock();
        }
    }

    private Object delete(RequestParams.Name p, Caller c) throws IOException {
        mutation.lock();
        try {
            StoredTunnel t = existing(p.name());
            if (supervisor.isRunning(t.name())) {
                stopOrFail(t.name());
            }
            store.delete(t.name());
            tunnels.remove(t.name());
            supervisor.forget(t.name());
            log.append(t.name().value(), "deleted by " + c.user());
            tunnelsChanged();
            return null;
        } finally {
            mutation.unlock();
        }
    }

    /**
     * Starts and stops hold the same lock as delete, update and the store watcher, so a tunnel cannot be started
     * between a delete's check that it is stopped and the removal of its config (which would leave it running with
     * nothing stored, or make the delete fail).
     */
    private TunnelSummary startTunnel(RequestParams.Name p, Caller c) throws IOException {
        mutation.lock();
        try {
            StoredTunnel t = existing(p.name());
            TunnelConfig config = t.config().orElseThrow(() -> new RpcException(ErrorCode.INVALID_CONFIG,
                    "tunnel '" + t.name().value() + "' cannot start: its config is invalid",
                    t.errors().stream().map(ConfigError::format).toList()));
            if (!t.name().fitsInterfaceName()) {
                throw new RpcException(ErrorCode.TUNNEL_FAILED, "tunnel '" + t.name().value() + "' cannot start: on "
                        + "Linux its name is the interface name, which has at most " + TunnelName.MAX_INTERFACE_LENGTH
                        + " characters; rename it");
            }
            try {
                supervisor.start(t.name(), config, t.killSwitch().orElseThrow());
            } catch (TunnelException e) {
                throw new RpcException(ErrorCode.TUNNEL_FAILED, e.getMessage());
            }
            return summary(t.name());
        } finally {
            mutation.unlock();
        }
    }

    private TunnelSummary stopTunnel(RequestParams.Name p, Caller c) throws IOException {
        mutation.lock();
        try {
            StoredTunnel t = existing(p.name());
            stopOrFail(t.name());
            return summary(t.name());
        } finally {
            mutation.unlock();
        }
    }

    /** Whether a call waits for another's change of the store or tunnels to finish (for tests of their order). */
    boolean hasWaitingChange() {
        return mutation.hasQueuedThreads();
    }

    private TunnelSummary setBootStart(RequestParams.BootStart p, Caller c) throws IOException {
        mutation.lock();
        try {
            StoredTunnel t = existing(p.name());
            store.setBootStart(t.name(), p.enabled());
            tunnelsChanged();
            return summary(t.name());
        } finally {
            mutation.unlock();
        }
    }

    private Map<String, String> exportZip() throws IOException {
        Map<String, String> configs = new LinkedHashMap<>();
        new TreeMap<>(byName(tunnels)).forEach((n, t) -> configs.put(n, t.text()));
        return Map.of("zip", Base64.getEncoder().encodeToString(TunnelArchive.write(configs)));
    }

    private Object writeLog(RequestParams.LogWrite p, Caller c) {
        String message = require(p.message(), "message");
        if (!c.isAdmin() && !logWrites.tryAcquire(c.user())) {
            throw new RpcException(ErrorCode.LIMIT_EXCEEDED, "too many log lines from " + c.user() + ": "
                    + LogWriteLimit.BURST + " at once, then one every " + LogWriteLimit.REFILL_SECONDS + " s");
        }
        log.append("ui", message);
        return null;
    }

    private LogPage readLog(RequestParams.LogRead p, Caller c) throws IOException {
        if (p.limit() < 1 || p.limit() > RingLog.MAX_READ) {
            throw new RpcException(ErrorCode.INVALID_PARAMS, "limit must be 1-" + RingLog.MAX_READ + ", not " + p.limit());
        }
        return log.read(p.cursor(), p.limit());
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private void stopOrFail(TunnelName n) {
        try {
            supervisor.stop(n);
        } catch (TunnelException e) {
            throw new RpcException(ErrorCode.TUNNEL_FAILED, e.getMessage());
        }
    }

    private void stopQuietly(TunnelName n) {
        try {
            supervisor.stop(n);
        } catch (TunnelException e) {
            // The supervisor logged it.
        }
    }

    private StoredTunnel existing(String name) {
        String problem = TunnelName.problem(require(name, "name"));
        StoredTunnel t = problem == null ? tunnels.get(new TunnelName(name)) : null;
        if (t == null) {
            throw new RpcException(ErrorCode.NO_SUCH_TUNNEL, "there is no tunnel named '" + abbreviate(name) + "'");
        }
        return t;
    }

    /** A name for a new tunnel: valid, and usable as a Linux interface name. */
    private static TunnelName newName(String name) {
        String problem = TunnelName.problem(require(name, "name"));
        if (problem != null) {
            throw new RpcException(ErrorCode.INVALID_PARAMS, "invalid tunnel name '" + abbreviate(name) + "': " + problem);
        }
        TunnelName n = new TunnelName(name);
        if (!n.fitsInterfaceName()) {
            throw new RpcException(ErrorCode.INVALID_PARAMS, "invalid tunnel name '" + name + "': on Linux it is also "
                    + "the interface name, which has at most " + TunnelName.MAX_INTERFACE_LENGTH + " characters");
        }
        return n;
    }

    private static StoredTunnel valid(TunnelName name, String text) {
        StoredTunnel t = StoredTunnel.parse(name, text);
        if (!t.errors().isEmpty()) {
            throw new RpcException(ErrorCode.INVALID_CONFIG, "the config of '" + name.value() + "' has "
                    + t.errors().size() + " error(s)", t.errors().stream().map(ConfigError::format).toList());
        }
        return t;
    }

    private static <T> T require(T value, String param) {
        if (value == null) {
            throw new RpcException(ErrorCode.INVALID_PARAMS, "parameter '" + param + "' is missing");
        }
        return value;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
