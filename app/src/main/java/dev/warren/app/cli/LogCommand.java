package dev.warren.app.cli;

import dev.warren.app.ipc.LogEntry;
import dev.warren.app.ipc.LogPage;
import dev.warren.app.ipc.ManagerClient;
import dev.warren.app.ipc.ManagerException;
import dev.warren.app.ipc.ManagerListener;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code warren log [--tail] [--tunnel NAME]}: the manager's ring log. */
@Command(name = "log", description = "Print the manager's log; with --tail keep following it.")
final class LogCommand extends ClientCommand {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    @Option(names = {"-f", "--tail"}, description = "Keep printing new lines as they are written, until Ctrl+C.")
    boolean tail;

    @Option(names = "--tunnel", paramLabel = "NAME", description = "Only lines of this tunnel.")
    String tunnel;

    @Option(names = {"-n", "--lines"}, paramLabel = "N", description = "How many of the latest lines (default: ${DEFAULT-VALUE}).")
    int lines = 2048;

    @Override
    int run(ManagerClient manager) throws InterruptedException {
        CompletableFuture<ManagerException> gone = new CompletableFuture<>();
        if (tail) {
            // Subscribed before reading, so nothing written in between is missed; the cursor drops duplicates.
            manager.addListener(new ManagerListener() {
                @Override
                public void logAppended(List<LogEntry> entries) {
                    synchronized (LogCommand.this) {
                        entries.forEach(LogCommand.this::print);
                    }
                }

                @Override
                public void disconnected(ManagerException cause) {
                    gone.complete(cause);
                }
            });
        }
        synchronized (this) {
            LogPage page = ManagerClient.await(manager.readLog(-1, Math.max(1, Math.min(lines, 2048))));
            page.entries().forEach(this::print);
            printedBelow = page.next();
        }
        out().flush();
        if (!tail) {
            return 0;
        }
        ManagerException cause = gone.join();
        if (cause != null) {
            reportError(cause);
            return 1;
        }
        return 0;
    }

    /** Entries below this sequence number have been printed; guarded by {@code this}. */
    private long printedBelow;

    private void print(LogEntry e) {
        if (e.seq() < printedBelow) {
            return;
        }
        printedBelow = e.seq() + 1;
        if (tunnel == null || tunnel.equals(e.source())) {
            out().println(TIME.format(Instant.ofEpochMilli(e.timeMillis())) + " [" + e.source() + "] " + e.message());
            out().flush();
        }
    }
}
