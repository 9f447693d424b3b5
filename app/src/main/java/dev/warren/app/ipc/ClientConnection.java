package dev.warren.app.ipc;

import dev.warren.bridge.ipc.IpcConnection;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One connected client inside the server: its identity, and a bounded outbound queue drained by its own writer
 * thread, so that a client that stops reading fills only its own queue and is then dropped instead of blocking
 * the manager or anyone else. The queue is bounded in bytes as well as in frames: one {@code log.read} reply is
 * about a megabyte, so a frame count alone would let one client make the manager hold gigabytes.
 */
final class ClientConnection {
    /** Frames queued for one client before it counts as not reading; notifications are small, so this is ample. */
    static final int OUTBOUND_QUEUE = 4096;
    /** Bytes queued for one client before it counts as not reading: several of the largest replies. */
    static final long OUTBOUND_BYTES = 8L << 20;
    /** Requests of one client running at once; more wait for a slot, which slows only that client. */
    static final int MAX_IN_FLIGHT = 16;

    /** Queued after a final frame: the writer closes the connection when it reaches it. */
    private static final byte[] CLOSE = new byte[0];

    private final IpcConnection connection;
    private final BlockingQueue<byte[]> outbound = new ArrayBlockingQueue<>(OUTBOUND_QUEUE);
    /** Bytes queued or being written, so a frame counts until the client has taken it. */
    private final AtomicLong queuedBytes = new AtomicLong();
    final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    final String label;
    volatile Caller caller;
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private volatile boolean closed;
    private volatile String closeReason;

    ClientConnection(IpcConnection connection, String label) {
        this.connection = connection;
        this.label = label;
    }

    IpcConnection connection() {
        return connection;
    }

    /**
     * Queues a frame; if the queue is full the client is not reading and is disconnected. A single frame larger than
     * the byte budget still goes to a client that has taken everything before it.
     */
    boolean send(String frame) {
        if (closed) {
            return false;
        }
        byte[] bytes = (frame + "\n").getBytes(StandardCharsets.UTF_8);
        long queued = queuedBytes.addAndGet(bytes.length);
        boolean overBudget = queued > OUTBOUND_BYTES && queued != bytes.length;
        if (overBudget || !outbound.offer(bytes)) {
            queuedBytes.addAndGet(-bytes.length);
            close("it stopped reading (" + (queued - bytes.length) + " bytes in " + outbound.size()
                    + " messages queued)");
            return false;
        }
        return true;
    }

    /** Sends {@code frame}, then closes once it is written. */
    void sendAndClose(String frame) {
        if (send(frame)) {
            outbound.offer(CLOSE);
        }
    }

    /** Closes after the frames already queued are written, or at once if the queue is full. */
    void finish() {
        if (!outbound.offer(CLOSE)) {
            close(null);
        }
    }

    /** Runs on the client's writer thread until the connection closes. */
    void writeLoop() {
        try {
            OutputStream out = connection.out();
            while (!closed) {
                byte[] frame = outbound.take();
                if (frame == CLOSE) {
                    close(null);
                    return;
                }
                out.write(frame);
                out.flush();
                queuedBytes.addAndGet(-frame.length);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            close("writing failed: " + e.getMessage());
        }
    }

    /** Closes the connection; the first reason given is kept for the log. */
    void close(String reason) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closeReason = reason;
            closed = true;
        }
        // Unblocks the writer thread waiting for a frame, then the reader and writer blocked in I/O.
        outbound.clear();
        outbound.offer(CLOSE);
        try {
            connection.close();
        } catch (IOException ignored) {
            // Closing a connection that already failed has nothing left to report.
        }
        closedLatch.countDown();
    }

    /** Bytes queued for this client and not yet written (none once it is closed). */
    long queuedBytes() {
        return closed ? 0 : queuedBytes.get();
    }

    /** Waits up to {@code nanos} for the connection to close. */
    void awaitClosed(long nanos) throws InterruptedException {
        closedLatch.await(nanos, TimeUnit.NANOSECONDS);
    }

    boolean isClosed() {
        return closed;
    }

    String closeReason() {
        return closeReason;
    }
}
