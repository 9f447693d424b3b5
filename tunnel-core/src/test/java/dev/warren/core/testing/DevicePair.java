package dev.warren.core.testing;

import dev.warren.core.config.IpNetwork;
import dev.warren.core.config.Key;
import dev.warren.core.device.Device;
import dev.warren.core.device.DeviceEvent;
import dev.warren.core.device.DeviceListener;
import dev.warren.core.device.Peer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * Two {@link Device}s on one {@link InMemoryNetwork} and one {@link FakeClock}: "a" is 10.0.0.1 / fd00::1 on
 * host 192.0.2.1, "b" is 10.0.0.2 / fd00::2 on host 192.0.2.2; each routes the other's tunnel addresses to the
 * other. Only a knows b's endpoint, so b learns a's from the handshake, as a server does.
 */
public final class DevicePair implements AutoCloseable {

    public static final int MTU = 1420;

    public final FakeClock clock = new FakeClock();
    public final InMemoryNetwork network = new InMemoryNetwork();
    public final InMemoryTun tunA = new InMemoryTun("wga", MTU);
    public final InMemoryTun tunB = new InMemoryTun("wgb", MTU);
    public final List<DeviceEvent> eventsA = new CopyOnWriteArrayList<>();
    public final List<DeviceEvent> eventsB = new CopyOnWriteArrayList<>();
    public final Device a;
    public final Device b;
    public final Peer peerBOnA;
    public final Peer peerAOnB;

    public DevicePair() throws IOException {
        this(DeviceListener.NONE);
    }

    /** A pair whose device a also reports its events to {@code listenerA} (after recording them). */
    public DevicePair(DeviceListener listenerA) throws IOException {
        a = new Device(tunA, network.newBind("192.0.2.1"), clock, e -> {
            eventsA.add(e);
            listenerA.onEvent(e);
        });
        b = new Device(tunB, network.newBind("192.0.2.2"), clock, eventsB::add);
        a.setPrivateKey(Key.generatePrivate());
        b.setPrivateKey(Key.generatePrivate());
        b.setListenPort(51820);
        peerBOnA = a.addPeer(b.publicKey());
        peerAOnB = b.addPeer(a.publicKey());
        a.addAllowedIp(peerBOnA, IpNetwork.parse("10.0.0.2/32"));
        a.addAllowedIp(peerBOnA, IpNetwork.parse("fd00::2/128"));
        b.addAllowedIp(peerAOnB, IpNetwork.parse("10.0.0.1/32"));
        b.addAllowedIp(peerAOnB, IpNetwork.parse("fd00::1/128"));
        peerBOnA.setEndpoint(new InetSocketAddress("192.0.2.2", 51820));
        a.up();
        b.up();
    }

    /** Sends an IPv4 packet of {@code length} bytes from a's tunnel address to b's. */
    public byte[] sendAtoB(int length, int tag) {
        byte[] p = IpPackets.ipv4("10.0.0.1", "10.0.0.2", length, tag);
        tunA.inject(p);
        return p;
    }

    public byte[] sendBtoA(int length, int tag) {
        byte[] p = IpPackets.ipv4("10.0.0.2", "10.0.0.1", length, tag);
        tunB.inject(p);
        return p;
    }

    /** Events of one type seen so far. */
    public static <T extends DeviceEvent> long count(List<DeviceEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).count();
    }

    /**
     * Waits (in real time, up to 10 s) for a condition that the devices' threads will make true; fails with
     * {@code what} if they do not. Not a timing assertion: it only bounds how long a broken build hangs.
     */
    public static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Sends a→b, waits for delivery, and returns the delivered packet. */
    public byte[] roundTripAtoB(int length, int tag) throws InterruptedException {
        sendAtoB(length, tag);
        return tunB.poll(10_000);
    }

    @Override
    public void close() throws IOException {
        a.close();
        b.close();
    }
}
