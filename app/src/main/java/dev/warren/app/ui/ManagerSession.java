package dev.warren.app.ui;

import dev.warren.app.ipc.AccessRefusedException;
import dev.warren.app.ipc.LogEntry;
import dev.warren.app.ipc.LogPage;
import dev.warren.app.ipc.ManagerClient;
import dev.warren.app.ipc.ManagerException;
import dev.warren.app.ipc.ManagerListener;
import dev.warren.app.ipc.ManagerState;
import dev.warren.app.ipc.SessionInfo;
import dev.warren.app.ipc.TunnelStateChange;
import dev.warren.app.ipc.TunnelSummary;
import dev.warren.app.ui.format.NaturalOrder;
import dev.warren.bridge.ipc.Role;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.swing.SwingUtilities;
import javax.swing.Timer;

/**
 * The GUI's one connection to the manager, and the state it mirrors: the session (user and role), the tunnel list,
 * the global state and the log cursor. Connecting blocks, so it runs on a background thread; every call's result
 * and every notification is handed to listeners on the event dispatch thread. When the manager goes away the
 * session says so and tries again every few seconds, so a restarted manager is picked up without user action. A
 * refusal (the user is in neither group) lasts until an administrator acts and the user logs in again, so then it
 * only tries again every half minute, or when the user asks.
 *
 * <p>All public methods are called on the event dispatch thread.
 */
public final class ManagerSession {

    private static final int LOG_BACKLOG = 2000;
    private static final int RETRY_MILLIS = 3000;
    private static final int REFUSED_RETRY_MILLIS = 30_000;
    private static final Comparator<TunnelSummary> BY_NAME = Comparator.comparing(TunnelSummary::name, NaturalOrder.INSTANCE);

    private final Path socket;
    private final ExecutorService connector =
            Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("warren-ui-connect").factory());
    private final ExecutorService requests =
            Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("warren-ui-ipc").factory());
    private final List<SessionListener> listeners = new ArrayList<>();
    private final Timer retry;
    private ManagerClient client;
    private SessionInfo info;
    private String problem = "Connecting to the Warren manager…";
    private List<TunnelSummary> tunnels = List.of();
    private ManagerState state = ManagerState.INACTIVE;
    private long logCursor = -1;
    private boolean connecting;
    private boolean closed;

    public ManagerSession(Path socket) {
        this.socket = socket;
        this.retry = new Timer(RETRY_MILLIS, e -> connect());
        retry.setRepeats(false);
    }

    public void addListener(SessionListener l) {
        listeners.add(l);
    }

    /** Connects in the background unless connected or already trying. */
    public void connect() {
        if (closed || connecting || client != null) {
            return;
        }
        retry.stop();
        connecting = true;
        connector.execute(() -> {
            try {
                ManagerClient c = ManagerClient.connect(socket);
                List<TunnelSummary> list = ManagerClient.await(c.listTunnels());
                ManagerState s = ManagerClient.await(c.managerState());
                LogPage page = ManagerClient.await(c.readLog(-1, LOG_BACKLOG));
                SwingUtilities.invokeLater(() -> connected(c, list, s, page));
            } catch (ManagerException e) {
                SwingUtilities.invokeLater(() -> failed(e));
            }
        });
    }

    private void connected(ManagerClient c, List<TunnelSummary> list, ManagerState s, LogPage page) {
        connecting = false;
        if (closed) {
            c.close();
            return;
        }
        client = c;
        info = c.session();
        problem = null;
        c.addListener(new Relay(c));
        listeners.forEach(l -> l.connected(info));
        setTunnels(list);
        state = s;
        listeners.forEach(l -> l.managerStateChanged(s));
        // After a reconnect the backlog overlaps what is already shown; sequence numbers survive manager restarts.
        long shownUpTo = logCursor;
        List<LogEntry> fresh = page.entries().stream().filter(e -> e.seq() >= shownUpTo).toList();
        logCursor = Math.max(logCursor, page.next());
        if (!fresh.isEmpty()) {
            listeners.forEach(l -> l.logAppended(fresh));
        }
    }

    private void failed(ManagerException cause) {
        failed(cause.getMessage(), cause instanceof AccessRefusedException);
    }

    private void failed(String message, boolean refused) {
        connecting = false;
        client = null;
        info = null;
        problem = message;
        setTunnels(List.of());
        listeners.forEach(l -> l.disconnected(message));
        if (!closed) {
            retry.setInitialDelay(refused ? REFUSED_RETRY_MILLIS : RETRY_MILLIS);
            retry.restart();
        }
    }

    /** How long until the next automatic connection attempt, in milliseconds. */
    int retryDelayMillis() {
        return retry.getInitialDelay();
    }

    /** Forwards the client's notifications to the EDT, ignoring those of a client already replaced. */
    private final class Relay implements ManagerListener {
        private final ManagerClient source;

        Relay(ManagerClient source) {
            this.source = source;
        }

        private void onEdt(Runnable r) {
            SwingUtilities.invokeLater(() -> {
                if (client == source) {
                    r.run();
                }
            });
        }

        @Override
        public void tunnelStateChanged(TunnelStateChange change) {
            onEdt(() -> {
                List<TunnelSummary> updated = new ArrayList<>(tunnels);
                updated.replaceAll(t -> t.name().equals(change.name())
                        ? new TunnelSummary(t.name(), change.state(), change.error(), t.bootStart(), t.addresses()) : t);
                setTunnels(updated);
                listeners.forEach(l -> l.tunnelStateChanged(change));
            });
        }

        @Override
        public void tunnelsChanged(List<TunnelSummary> list) {
            onEdt(() -> setTunnels(list));
        }

        @Override
        public void managerStateChanged(ManagerState s) {
            onEdt(() -> {
                state = s;
                listeners.forEach(l -> l.managerStateChanged(s));
            });
        }

        @Override
        public void logAppended(List<LogEntry> entries) {
            onEdt(() -> {
                // Lines already read with the backlog may be announced again; the sequence number tells.
                List<LogEntry> fresh = entries.stream().filter(e -> e.seq() >= logCursor).toList();
                if (!fresh.isEmpty()) {
                    logCursor = fresh.getLast().seq() + 1;
                    listeners.forEach(l -> l.logAppended(fresh));
                }
            });
        }

        @Override
        public void disconnected(ManagerException cause) {
            SwingUtilities.invokeLater(() -> {
                if (client == source) {
                    if (cause != null) {
                        failed(cause);
                    } else {
                        failed("The connection to the Warren manager was closed; reconnecting…", false);
                    }
                }
            });
        }
    }

    private void setTunnels(List<TunnelSummary> list) {
        List<TunnelSummary> sorted = new ArrayList<>(list);
        sorted.sort(BY_NAME);
        tunnels = List.copyOf(sorted);
        listeners.forEach(l -> l.tunnelsChanged(tunnels));
    }

    /**
     * Runs a manager call off the EDT — even sending the request is socket I/O, so it happens on the session's
     * own thread, which also keeps requests in the order they were made — and hands its result, or the error with
     * its one-sentence message, to the EDT. Without a connection the error callback gets the reason at once.
     */
    public <T> void call(Function<ManagerClient, CompletableFuture<T>> call, Consumer<T> onResult, Consumer<ManagerException> onError) {
        ManagerClient c = client;
        if (c == null) {
            onError.accept(new ManagerException(problem != null ? problem : "Not connected to the Warren manager."));
            return;
        }
        CompletableFuture.supplyAsync(() -> call.apply(c), requests).thenCompose(f -> f)
                .whenComplete((result, error) -> SwingUtilities.invokeLater(() -> {
                    if (error == null) {
                        onResult.accept(result);
                    } else {
                        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                        onError.accept(cause instanceof ManagerException m ? m
                                : new ManagerException("The manager call failed: " + cause.getMessage(), cause));
                    }
                }));
    }

    public boolean isConnected() {
        return client != null;
    }

    public Optional<SessionInfo> info() {
        return Optional.ofNullable(info);
    }

    /** Whether the user may only start and stop tunnels (keys hidden, editing disabled). */
    public boolean isOperator() {
        return info != null && info.role() == Role.OPERATOR;
    }

    public List<TunnelSummary> tunnels() {
        return tunnels;
    }

    public Optional<TunnelSummary> tunnel(String name) {
        return tunnels.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public ManagerState state() {
        return state;
    }

    /**
     * Disconnects for good (the GUI is exiting). Does not wait for the background threads: they are daemons, and
     * a connection they still deliver is closed on arrival.
     */
    public void close() {
        closed = true;
        retry.stop();
        if (client != null) {
            client.close();
            client = null;
        }
        connector.shutdownNow();
        requests.shutdownNow();
    }
}
