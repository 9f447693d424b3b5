package dev.warren.bridge.linux;

import com.sun.jna.Native;
import dev.warren.bridge.LinkEvent;
import dev.warren.bridge.NetworkListener;
import dev.warren.bridge.NetworkMonitor;
import dev.warren.bridge.RouteEvent;
import dev.warren.core.config.IpNetwork;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link NetworkMonitor} over rtnetlink multicast (RTNLGRP_LINK, RTNLGRP_IPV4_ROUTE, RTNLGRP_IPV6_ROUTE): one
 * thread per subscription sleeps in {@code poll(2)} until the kernel sends a notification, so nothing wakes
 * periodically. Watches the network namespace of the thread that calls {@link #subscribe}.
 */
public final class LinuxNetworkMonitor implements NetworkMonitor {

    private static final Logger LOG = Logger.getLogger(LinuxNetworkMonitor.class.getName());

    @Override
    public Closeable subscribe(NetworkListener listener) throws IOException {
        Netlink socket = Netlink.open(Rtnetlink.RTMGRP_LINK | Rtnetlink.RTMGRP_IPV4_ROUTE | Rtnetlink.RTMGRP_IPV6_ROUTE);
        Thread thread = Thread.ofPlatform().daemon().name("warren-netlink-monitor").unstarted(() -> {
            try {
                socket.listen(new Decoder(listener));
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "network monitor stopped", e);
            }
        });
        thread.start();
        return () -> {
            socket.close();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    /** Turns rtnetlink messages into events. */
    private record Decoder(NetworkListener listener) implements Netlink.Handler {

        @Override
        public void message(short type, ByteBuffer buf, int offset, int length) {
            try {
                dispatch(type, buf, offset, length);
            } catch (RuntimeException e) {
                // One bad listener call or odd message must not end the watch for everyone else.
                LOG.log(Level.WARNING, "network event (rtnetlink type " + type + ") not delivered", e);
            }
        }

        private void dispatch(short type, ByteBuffer buf, int offset, int length) {
            switch (type) {
                case Rtnetlink.RTM_NEWLINK, Rtnetlink.RTM_DELLINK ->
                        listener.linkChanged(link(buf, offset, length, type == Rtnetlink.RTM_DELLINK));
                case Rtnetlink.RTM_NEWROUTE, Rtnetlink.RTM_DELROUTE -> {
                    RouteEvent e = route(buf, offset, length, type == Rtnetlink.RTM_DELROUTE);
                    if (e != null) {
                        listener.routeChanged(e);
                    }
                }
                default -> {
                }
            }
        }

        @Override
        public void overrun() {
            listener.eventsLost();
        }

        private static LinkEvent link(ByteBuffer buf, int offset, int length, boolean deleted) {
            int body = offset + Rtnetlink.NlMsgHdr.SIZE;
            Rtnetlink.IfInfoMsg h = new Rtnetlink.IfInfoMsg(Native.getDirectBufferPointer(buf).share(body));
            String name = "";
            int mtu = 0;
            int end = offset + length;
            for (int a = body + Rtnetlink.IfInfoMsg.SIZE; a + 4 <= end; ) {
                int alen = buf.getShort(a) & 0xffff;
                if (alen < 4 || a + alen > end) {
                    break;
                }
                int atype = buf.getShort(a + 2) & 0x3fff;
                if (atype == Rtnetlink.IFLA_IFNAME) {
                    name = cString(buf, a + 4, alen - 4);
                } else if (atype == Rtnetlink.IFLA_MTU && alen >= 8) {
                    mtu = buf.getInt(a + 4);
                }
                a += Rtnetlink.align(alen);
            }
            return new LinkEvent(h.ifi_index, name, mtu, (h.ifi_flags & Rtnetlink.IFF_UP) != 0,
                    (h.ifi_flags & Rtnetlink.IFF_RUNNING) != 0, deleted);
        }

        /** The route, or null for a family the bridge does not handle (e.g. multicast or MPLS tables). */
        private static RouteEvent route(ByteBuffer buf, int offset, int length, boolean deleted) {
            int body = offset + Rtnetlink.NlMsgHdr.SIZE;
            Rtnetlink.RtMsg h = new Rtnetlink.RtMsg(Native.getDirectBufferPointer(buf).share(body));
            int addrLen;
            if (h.rtm_family == LibC.AF_INET) {
                addrLen = 4;
            } else if (h.rtm_family == LibC.AF_INET6) {
                addrLen = 16;
            } else {
                return null;
            }
            byte[] dst = new byte[addrLen];
            byte[] gateway = null;
            int oif = 0;
            int metric = 0;
            int table = h.rtm_table & 0xff;
            int end = offset + length;
            for (int a = body + Rtnetlink.RtMsg.SIZE; a + 4 <= end; ) {
                int alen = buf.getShort(a) & 0xffff;
                if (alen < 4 || a + alen > end) {
                    break;
                }
                int atype = buf.getShort(a + 2) & 0x3fff;
                switch (atype) {
                    case Rtnetlink.RTA_DST -> buf.get(a + 4, dst, 0, Math.min(addrLen, alen - 4));
                    case Rtnetlink.RTA_GATEWAY -> {
                        gateway = new byte[addrLen];
                        buf.get(a + 4, gateway, 0, Math.min(addrLen, alen - 4));
                    }
                    case Rtnetlink.RTA_OIF -> oif = buf.getInt(a + 4);
                    case Rtnetlink.RTA_PRIORITY -> metric = buf.getInt(a + 4);
                    case Rtnetlink.RTA_TABLE -> table = buf.getInt(a + 4);
                    default -> {
                    }
                }
                a += Rtnetlink.align(alen);
            }
            try {
                return new RouteEvent(new IpNetwork(InetAddress.getByAddress(dst), h.rtm_dst_len & 0xff), oif,
                        gateway == null ? null : InetAddress.getByAddress(gateway), table, metric, deleted);
            } catch (UnknownHostException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static String cString(ByteBuffer buf, int off, int max) {
            int n = 0;
            while (n < max && buf.get(off + n) != 0) {
                n++;
            }
            byte[] b = new byte[n];
            buf.get(off, b);
            return new String(b, StandardCharsets.UTF_8);
        }
    }
}
