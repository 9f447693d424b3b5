package dev.warren.bridge.linux;

import com.sun.jna.Memory;
import com.sun.jna.Native;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;

/**
 * An {@code AF_NETLINK}/{@code NETLINK_ROUTE} socket in the network namespace of the thread that opened it.
 * Two uses: {@link #request} sends one change or query and waits for the kernel's answer (turning a refusal
 * into a {@link NetlinkException}); {@link #listen} delivers the
 * multicast notifications of the groups given to {@link #open} until {@link #close()}, blocking in
 * {@code poll(2)} (never polling on a timer). A socket that listens is not also used for requests.
 */
final class Netlink implements Closeable {

    private static final int RECEIVE_BUFFER = 1 << 20;
    private static final int CHUNK = 64 * 1024;

    /** Receives the messages of one datagram from the kernel. */
    interface Handler {
        /** One message: its header is at {@code offset} in {@code buf}, {@code length} bytes in all. */
        void message(short type, ByteBuffer buf, int offset, int length);

        /** The kernel dropped notifications (ENOBUFS): the receiver's view may be stale and should be re-read. */
        void overrun();
    }

    private final FdGroup fds;
    private final ByteBuffer rx = ByteBuffer.allocateDirect(CHUNK).order(ByteOrder.nativeOrder());
    private int seq;

    private Netlink(FdGroup fds) {
        this.fds = fds;
    }

    /** Opens a socket subscribed to {@code groups} (an RTMGRP_* mask; 0 for a request-only socket). */
    static Netlink open(int groups) throws IOException {
        int fd = LibC.socket(LibC.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC | LibC.SOCK_NONBLOCK,
                Rtnetlink.NETLINK_ROUTE);
        if (fd < 0) {
            throw new IOException("netlink socket: " + LibC.describe(Native.getLastError()));
        }
        FdGroup fds = new FdGroup("netlink", 1, fd);
        try (Memory one = new Memory(4)) {
            one.setInt(0, 1);
            // Best effort: older kernels lack these; requests still work, with plainer errors.
            LibC.setsockopt(fd, Rtnetlink.SOL_NETLINK, Rtnetlink.NETLINK_EXT_ACK, one, 4);
            LibC.setsockopt(fd, Rtnetlink.SOL_NETLINK, Rtnetlink.NETLINK_CAP_ACK, one, 4);
            if (groups != 0) {
                one.setInt(0, RECEIVE_BUFFER);
                LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVBUF, one, 4);
            }
            Rtnetlink.SockaddrNl addr = new Rtnetlink.SockaddrNl();
            addr.nl_family = LibC.AF_NETLINK;
            addr.nl_groups = groups;
            addr.write();
            if (LibC.bind(fd, addr.getPointer(), addr.size()) < 0) {
                throw new IOException("netlink bind (groups 0x" + Integer.toHexString(groups) + "): "
                        + LibC.describe(Native.getLastError()));
            }
        } catch (IOException e) {
            fds.close();
            throw e;
        }
        return new Netlink(fds);
    }

    /**
     * Sends {@code msg} and waits for its ACK.
     *
     * @param what the request in words, for the exception ("add address 10.0.0.1/24 to #5")
     * @throws NetlinkException if the kernel refused it
     */
    void request(NetlinkMessage msg, String what) throws IOException {
        request(msg, what, null);
    }

    /**
     * Sends {@code msg}, hands each reply message (e.g. the RTM_NEWLINK answering an RTM_GETLINK, or every
     * route of a {@link NetlinkMessage#dump}) to {@code replies}, and returns at the ACK or, for a dump, at
     * NLMSG_DONE.
     */
    synchronized void request(NetlinkMessage msg, String what, Handler replies) throws IOException {
        fds.acquireOrThrow();
        try {
            int fd = fds.fd(0);
            int mySeq = ++seq;
            ByteBuffer out = msg.finish(mySeq);
            while (LibC.send(fd, out, out.remaining(), 0) < 0) {
                int errno = Native.getLastError();
                if (errno != LibC.EINTR) {
                    throw new IOException(what + ": netlink send: " + LibC.describe(errno));
                }
            }
            while (true) {
                int n = receiveChunk(fd);
                if (n < 0) {
                    throw new ClosedChannelException();
                }
                for (int off = 0; off + Rtnetlink.NlMsgHdr.SIZE <= n; ) {
                    int len = rx.getInt(off);
                    if (len < Rtnetlink.NlMsgHdr.SIZE || off + len > n) {
                        break;
                    }
                    short type = rx.getShort(off + 4);
                    if (rx.getInt(off + 8) == mySeq) {
                        if (type == Rtnetlink.NLMSG_DONE) {
                            return;
                        }
                        if (type == Rtnetlink.NLMSG_ERROR) {
                            int error = rx.getInt(off + Rtnetlink.NlMsgHdr.SIZE);
                            if (error == 0) {
                                return;
                            }
                            throw new NetlinkException(what, -error, extAckMessage(off, len));
                        }
                        if (replies != null) {
                            replies.message(type, rx, off, len);
                        }
                    }
                    off += Rtnetlink.align(len);
                }
            }
        } finally {
            fds.release();
        }
    }

    boolean isClosed() {
        return fds.isClosed();
    }

    /**
     * Delivers notifications to {@code handler} on the calling thread until the socket is closed. Only one
     * thread may listen on a socket.
     */
    void listen(Handler handler) throws IOException {
        if (!fds.acquire()) {
            return;
        }
        try {
            int fd = fds.fd(0);
            while (true) {
                int n;
                try {
                    n = receiveChunk(fd);
                } catch (OverrunException e) {
                    handler.overrun();
                    continue;
                }
                if (n < 0) {
                    return;
                }
                for (int off = 0; off + Rtnetlink.NlMsgHdr.SIZE <= n; ) {
                    int len = rx.getInt(off);
                    if (len < Rtnetlink.NlMsgHdr.SIZE || off + len > n) {
                        break;
                    }
                    handler.message(rx.getShort(off + 4), rx, off, len);
                    off += Rtnetlink.align(len);
                }
            }
        } finally {
            fds.release();
        }
    }

    /** Receives one datagram into {@link #rx}; -1 once closed. */
    private int receiveChunk(int fd) throws IOException {
        while (true) {
            rx.clear();
            long n = LibC.recv(fd, rx, CHUNK, 0);
            if (n >= 0) {
                return (int) n;
            }
            int errno = Native.getLastError();
            if (errno == LibC.EAGAIN) {
                if (fds.awaitReadable() == 0) {
                    return -1;
                }
            } else if (errno == LibC.ENOBUFS) {
                throw new OverrunException();
            } else if (errno != LibC.EINTR) {
                throw new IOException("netlink receive: " + LibC.describe(errno));
            }
        }
    }

    /**
     * The kernel's explanation in an extended ACK: with NETLINK_CAP_ACK the error is followed by just the
     * original header, then attributes, of which NLMSGERR_ATTR_MSG is a NUL-terminated string.
     */
    private String extAckMessage(int off, int len) {
        if ((rx.getShort(off + 6) & Rtnetlink.NLM_F_ACK_TLVS) == 0) {
            return null;
        }
        int end = off + len;
        int attr = off + Rtnetlink.NlMsgHdr.SIZE + 4 + Rtnetlink.NlMsgHdr.SIZE;
        while (attr + 4 <= end) {
            int alen = rx.getShort(attr) & 0xffff;
            if (alen < 4 || attr + alen > end) {
                return null;
            }
            if (rx.getShort(attr + 2) == Rtnetlink.NLMSGERR_ATTR_MSG) {
                byte[] text = new byte[alen - 4];
                rx.get(attr + 4, text);
                int n = 0;
                while (n < text.length && text[n] != 0) {
                    n++;
                }
                return new String(text, 0, n, StandardCharsets.UTF_8);
            }
            attr += Rtnetlink.align(alen);
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        fds.close();
    }

    private static final class OverrunException extends IOException {
        private static final long serialVersionUID = 1L;
    }
}
