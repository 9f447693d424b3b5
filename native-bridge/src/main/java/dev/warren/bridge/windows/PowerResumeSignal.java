package dev.warren.bridge.windows;

import dev.warren.bridge.watch.ResumeSignal;
import java.io.Closeable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Windows' resume from sleep, as the manager service learns it: the SCM sends {@code SERVICE_CONTROL_POWEREVENT}
 * with {@code PBT_APMRESUMEAUTOMATIC} to a service that accepts power events, and the service's handler
 * {@link #fire fires} this signal, which fans out to its subscribers (the network watcher). A process that is not a
 * service never fires it; link and route notifications still cover most of what a resume changes.
 */
public final class PowerResumeSignal implements ResumeSignal {

    private static final Logger LOG = Logger.getLogger(PowerResumeSignal.class.getName());

    private final CopyOnWriteArrayList<Runnable> subscribers = new CopyOnWriteArrayList<>();

    @Override
    public Closeable subscribe(Runnable onResume) {
        subscribers.add(onResume);
        return () -> subscribers.remove(onResume);
    }

    /** The machine has resumed: tells every subscriber, on the caller's thread (they only queue the news). */
    public void fire() {
        for (Runnable r : subscribers) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "reacting to a resume failed", e);
            }
        }
    }
}
