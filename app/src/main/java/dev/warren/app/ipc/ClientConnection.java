package dev.warren.app.ipc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One connected client inside the server: its identity, and a bounded outbound queue drained by its own writer
 * thread, so that a client that stops reading fills only its own queue and is then dropped instead of blocking
 * the manager or anyone else.
 */
final class ClientConnection {
    /** Frames queued for one client before it counts as not reading; notifications are small, so this is ample. */
    static final int OUTBOUND_QUEUE = 4096;
    /** Requests of one client running at once; more wait for a slot, which slows only that client. */
    static final int MAX_IN_FLIGHT = 16;

    /** Queued after a final frame: the writer closes the connection when it reaches it. */
    private static final String CLOSE = new String("close");

    private final SocketChannel channel;
    private final BlockingQueue<String> outbound = new ArrayBlockingQueue<>(OUTBOUND_QUEUE);
    final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    final String label;
    volatile Caller caller;
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private volatile boolean closed;
    private volatile String closeReason;

    ClientConnection(SocketChannel channel, String label) {
        this.channel = channel;
        this.label = label;
    }

    SocketChannel channel() {
        return channel;
    }

    /** Queues a frame; if the queue is full the client is not reading and is disconnected. */
    boolean send(String frame) {
        if (closed) {
            return false;
        }
        if (!outbound.offer(frame)) {
            close("it stopped reading (" + OUTBOUND_QUEUE + " messages queued)");
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
            while (!closed) {
                String frame = outbound.take();
                if (frame == CLOSE) {
                    close(null);
                    return;
                }
                byte[] bytes = (frame + "\n").getBytes(StandardCharsets.UTF_8);
                ByteBuffer b = ByteBuffer.wrap(bytes);
                while (b.hasRemaining()) {
                    channel.write(b);
                }
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
            channel.close();
        } catch (IOException ignored) {
            // Closing a socket that already failed has nothing left to report.
        }
        closedLatch.countDown();
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
