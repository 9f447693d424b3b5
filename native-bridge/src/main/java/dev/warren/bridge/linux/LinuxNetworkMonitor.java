package dev.warren.bridge.linux;

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
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link NetworkMonitor} over rtnetlink multicast (RTNLGRP_LINK, RTNLGRP_IPV4_ROUTE, RTNLGRP_IPV6_ROUTE): one
 * thread per subscription sleeps in {@code poll(2)} until the kernel sends a notification, so nothing wakes
 * periodically. Watches the network namespace of the thread that calls {@link #subscribe}.
 *
 * <p>The listener first gets the current links and routes (a dump, taken after joining the groups so that
 * nothing falls between the two), then every change. If the kernel drops notifications (the socket buffer
 * overflowed), the listener gets {@link NetworkListener#eventsLost()} followed by a fresh dump.
 */
public final class LinuxNetworkMonitor implements NetworkMonitor {

    private static final Logger LOG = Logger.getLogger(LinuxNetworkMonitor.class.getName());

    @Override
    public Closeable subscribe(NetworkListener listener) throws IOException {
        Netlink events = Netlink.open(Rtnetlink.RTMGRP_LINK | Rtnetlink.RTMGRP_IPV4_ROUTE | Rtnetlink.RTMGRP_IPV6_ROUTE);
        Netlink queries;
        try {
            queries = Netlink.open(0);
        } catch (IOException e) {
            events.close();
            throw e;
        }
        Decoder decoder = new Decoder(listener, queries);
        Thread thread = Thread.ofPlatform().daemon().name("warren-netlink-monitor").unstarted(() -> {
            try {
                decoder.replayCurrentState();
                events.listen(decoder);
            } catch (IOException | RuntimeException e) {
                if (!events.isClosed()) {
                    LOG.log(Level.WARNING, "network monitor stopped", e);
                }
            }
        });
        thread.start();
        return () -> {
            try (queries) {
                events.close();
            }
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    /** Turns rtnetlink messages into events; re-reads the state with {@code queries} when events were lost. */
    private record Decoder(NetworkListener listener, Netlink queries) implements Netlink.Handler {

        void replayCurrentState() throws IOException {
            Rtnetlink.IfInfoMsg link = new Rtnetlink.IfInfoMsg();
            link.ifi_family = LibC.AF_UNSPEC;
            queries.request(NetlinkMessage.dump(Rtnetlink.RTM_GETLINK, link), "list links", this);
            Rtnetlink.RtMsg route = new Rtnetlink.RtMsg();
            route.rtm_family = LibC.AF_UNSPEC;
            queries.request(NetlinkMessage.dump(Rtnetlink.RTM_GETROUTE, route), "list routes", this);
        }

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
            try {
                replayCurrentState();
            } catch (IOException e) {
                throw new UncheckedIOException("re-reading links and routes after lost events", e);
            }
        }

        private static LinkEvent link(ByteBuffer buf, int offset, int length, boolean deleted) {
            LinkMessage m = LinkMessage.parse(buf, offset, length);
            return new LinkEvent(m.index, m.name, m.mtu, m.up(), m.running(), deleted);
        }

        /** The route, or null for a family the bridge does not handle (e.g. multicast or MPLS tables). */
        private static RouteEvent route(ByteBuffer buf, int offset, int length, boolean deleted) {
            RouteMessage m = RouteMessage.parse(buf, offset, length);
            if (!m.isInet()) {
                return null;
            }
            try {
                return new RouteEvent(new IpNetwork(InetAddress.getByAddress(m.destinationOrAny()), m.dstLength),
                        m.outputInterface, m.gateway == null ? null : InetAddress.getByAddress(m.gateway), m.table,
                        m.metric, deleted);
            } catch (UnknownHostException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
