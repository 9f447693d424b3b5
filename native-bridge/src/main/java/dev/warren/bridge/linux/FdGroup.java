package dev.warren.bridge.linux;

import com.sun.jna.Memory;
import com.sun.jna.Native;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * File descriptors that one object owns and that may be closed while other threads wait on them.
 *
 * <p>Closing an fd that another thread is about to read is a classic bug: the number may already belong to a
 * newly opened file. So every use is bracketed by {@link #acquire()}/{@link #release()}, and the fds are
 * really closed by whoever leaves last after {@link #close()} (the same idea as Go's fdMutex). Waiting is
 * {@code poll(2)} on the fds plus an {@code eventfd} that close() makes readable, which wakes every waiter at
 * once; the fds themselves are non-blocking, so a read never sleeps inside the kernel where close could not
 * reach it. Sockets may instead block in the kernel: for them close() calls {@code shutdown(SHUT_RDWR)}, which
 * wakes a thread blocked in recvfrom (it returns 0) without the fd number being released.
 */
final class FdGroup {

    private static final int CLOSED = Integer.MIN_VALUE;

    private final String what;
    private final int[] fds;
    private final int polled;
    private final int wakeFd;
    private final boolean shutdownOnClose;
    private final AtomicInteger state = new AtomicInteger();
    /** Per waiting thread: the pollfd array and a ByteBuffer view of it (intrinsic access, not JNI per field). */
    private final ThreadLocal<PollSet> pollSets;

    private record PollSet(Memory memory, ByteBuffer view) {
        static PollSet of(int entries) {
            Memory m = new Memory((long) PollFd.SIZE * entries);
            return new PollSet(m, m.getByteBuffer(0, m.size()).order(ByteOrder.nativeOrder()));
        }
    }

    /**
     * @param what   names the owner in error messages ("tun wg0")
     * @param polled how many of {@code fds}, from the first, {@link #awaitReadable()} waits on
     */
    FdGroup(String what, int polled, int... fds) throws IOException {
        this(what, polled, false, fds);
    }

    /** Blocking sockets, woken on close by shutdown(2) rather than an eventfd. */
    static FdGroup blockingSockets(String what, int... fds) throws IOException {
        return new FdGroup(what, 0, true, fds);
    }

    private FdGroup(String what, int polled, boolean shutdownOnClose, int... fds) throws IOException {
        int wake = polled == 0 ? -1 : LibC.eventfd(0, LibC.EFD_CLOEXEC | LibC.EFD_NONBLOCK);
        if (polled > 0 && wake < 0) {
            int errno = Native.getLastError();
            for (int fd : fds) {
                LibC.close(fd);
            }
            throw new IOException(what + ": eventfd: " + LibC.describe(errno));
        }
        this.what = what;
        this.fds = fds.clone();
        this.polled = polled;
        this.wakeFd = wake;
        this.shutdownOnClose = shutdownOnClose;
        this.pollSets = ThreadLocal.withInitial(() -> PollSet.of(polled + 1));
    }

    int fd(int i) {
        return fds[i];
    }

    /** Marks one use of the fds; false once closed (the caller must then not touch them). */
    boolean acquire() {
        while (true) {
            int s = state.get();
            if (s < 0) {
                return false;
            }
            if (state.compareAndSet(s, s + 1)) {
                return true;
            }
        }
    }

    /** Ends a use begun by a successful {@link #acquire()}. */
    void release() {
        if (state.decrementAndGet() == CLOSED) {
            closeFds();
        }
    }

    /** Like {@link #acquire()} but throws for callers that have no "closed" return value. */
    void acquireOrThrow() throws ClosedChannelException {
        if (!acquire()) {
            throw new ClosedChannelException();
        }
    }

    boolean isClosed() {
        return state.get() < 0;
    }

    /**
     * Blocks (while acquired) until one of the polled fds is readable or in error, or the group is closed.
     *
     * @return a bit mask of the polled fds that are ready (bit i for fd i), or 0 if the group was closed
     */
    int awaitReadable() throws IOException {
        PollSet ps = pollSets.get();
        ByteBuffer set = ps.view();
        for (int i = 0; i <= polled; i++) {
            int base = i * PollFd.SIZE;
            set.putInt(base, i < polled ? fds[i] : wakeFd);
            set.putShort(base + PollFd.EVENTS_OFFSET, LibC.POLLIN);
            set.putShort(base + PollFd.REVENTS_OFFSET, (short) 0);
        }
        while (true) {
            if (isClosed()) {
                return 0;
            }
            int n = LibC.poll(ps.memory(), polled + 1, -1);
            if (n < 0) {
                int errno = Native.getLastError();
                if (errno == LibC.EINTR) {
                    continue;
                }
                throw new IOException(what + ": poll: " + LibC.describe(errno));
            }
            if (set.getShort(polled * PollFd.SIZE + PollFd.REVENTS_OFFSET) != 0) {
                return 0;
            }
            int mask = 0;
            for (int i = 0; i < polled; i++) {
                if (set.getShort(i * PollFd.SIZE + PollFd.REVENTS_OFFSET) != 0) {
                    mask |= 1 << i;
                }
            }
            if (mask != 0) {
                return mask;
            }
        }
    }

    /** Wakes every waiter; the fds are closed as soon as the last user releases them. Idempotent. */
    void close() throws IOException {
        while (true) {
            int s = state.get();
            if (s < 0) {
                return;
            }
            if (state.compareAndSet(s, s | CLOSED)) {
                try {
                    wakeWaiters();
                } finally {
                    if (s == 0) {
                        closeFds();
                    }
                }
                return;
            }
        }
    }

    private void wakeWaiters() throws IOException {
        if (shutdownOnClose) {
            for (int fd : fds) {
                // ENOTCONN is expected for unconnected UDP; the kernel still marks the socket and wakes readers.
                LibC.shutdown(fd, LibC.SHUT_RDWR);
            }
        }
        if (wakeFd >= 0) {
            try (Memory one = new Memory(8)) {
                one.setLong(0, 1);
                if (LibC.write(wakeFd, one, 8) != 8) {
                    throw new IOException(what + ": waking waiters: " + LibC.describe(Native.getLastError()));
                }
            }
        }
    }

    private void closeFds() {
        for (int fd : fds) {
            LibC.close(fd);
        }
        if (wakeFd >= 0) {
            LibC.close(wakeFd);
        }
    }
}
