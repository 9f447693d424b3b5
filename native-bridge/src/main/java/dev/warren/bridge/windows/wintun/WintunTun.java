package dev.warren.bridge.windows.wintun;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import dev.warren.bridge.windows.WindowsApiException;
import dev.warren.core.spi.TunDevice;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A tunnel's Wintun adapter and its session: the Windows {@link TunDevice}.
 *
 * <p>Closing must never free the session under a thread that is still inside a ring call, so every read and write
 * holds the shared side of a read/write lock and {@link #close()} takes the exclusive side after signalling the
 * close event that wakes blocked readers.
 */
public final class WintunTun implements TunDevice {

    /** The tunnel type shown by Windows for our adapters ({@code Get-NetAdapter}'s description). */
    public static final String TUNNEL_TYPE = "Warren";

    /** Ring capacity: 8 MiB, as wireguard-go uses; Wintun accepts powers of two from 128 KiB to 64 MiB. */
    public static final int DEFAULT_RING_CAPACITY = 0x800000;

    static final int MIN_RING_CAPACITY = 0x20000;
    static final int MAX_RING_CAPACITY = 0x4000000;

    /** Where the interface MTU comes from (the IP Helper interface row); Wintun itself has no MTU. */
    @FunctionalInterface
    public interface MtuSource {
        int mtu(long luid) throws IOException;
    }

    /**
     * The interface GUID of the adapter with a LUID ({@code ConvertInterfaceLuidToGuid}): how an adapter found by name
     * is recognised as this tunnel's ({@link AdapterGuid}) rather than another program's of the same name.
     */
    @FunctionalInterface
    public interface GuidLookup {
        UUID guid(long luid) throws IOException;
    }

    private final WintunApi api;
    private final String name;
    private final Pointer adapter;
    private final Pointer session;
    private final Pointer readEvent;
    private final Pointer closeEvent;
    private final long luid;
    private final MtuSource mtuSource;
    /** Per reader thread, so concurrent readers never share the out-parameter and no packet allocates one. */
    private final ThreadLocal<IntByReference> receivedSize = ThreadLocal.withInitial(IntByReference::new);
    private final int driverVersion;
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private final Runnable afterClose;
    private volatile boolean closed;

    private WintunTun(WintunApi api, String name, Pointer adapter, Pointer session, Pointer closeEvent,
            MtuSource mtuSource, Runnable afterClose) throws WindowsApiException {
        this.api = api;
        this.name = name;
        this.adapter = adapter;
        this.session = session;
        this.readEvent = api.readWaitEvent(session);
        this.closeEvent = closeEvent;
        this.luid = api.adapterLuid(adapter);
        this.mtuSource = mtuSource;
        this.driverVersion = api.runningDriverVersion();
        this.afterClose = afterClose;
    }

    /**
     * Opens tunnel {@code name}'s adapter if it exists, else creates it (GUID from {@link AdapterGuid}), and starts a
     * session on it. An adapter of that name is there after a manager that did not get to close it (a crash, a
     * killed process): rather than create a second adapter for the same tunnel beside it, it is reused, once
     * {@code guids} shows it is Warren's; an adapter of that name with another GUID belongs to someone else and is
     * left alone. On any failure, whatever was already opened or created is released again.
     */
    public static WintunTun create(WintunApi api, String name, int ringCapacity, MtuSource mtuSource,
            GuidLookup guids) throws IOException {
        return create(api, name, ringCapacity, mtuSource, guids, () -> { });
    }

    /**
     * Like {@link #create(WintunApi, String, int, MtuSource, GuidLookup)}, running {@code afterClose} once the adapter
     * is closed (e.g. to stop counting its LUID as a tunnel's).
     */
    public static WintunTun create(WintunApi api, String name, int ringCapacity, MtuSource mtuSource,
            GuidLookup guids, Runnable afterClose) throws IOException {
        if (Integer.bitCount(ringCapacity) != 1 || ringCapacity < MIN_RING_CAPACITY || ringCapacity > MAX_RING_CAPACITY) {
            throw new IllegalArgumentException("Wintun ring capacity must be a power of two from " + MIN_RING_CAPACITY
                    + " to " + MAX_RING_CAPACITY + ", not " + ringCapacity);
        }
        Pointer closeEvent = api.createEvent();
        Pointer adapter = null;
        Pointer session = null;
        try {
            UUID guid = AdapterGuid.forTunnel(name);
            adapter = api.openAdapter(name);
            if (adapter != null) {
                UUID found = guids.guid(api.adapterLuid(adapter));
                if (!found.equals(guid)) {
                    throw new IOException("a network adapter named '" + name + "' already exists and is not Warren's "
                            + "(its GUID is " + found + ", Warren's would be " + guid + "); rename or remove it, or "
                            + "give the tunnel another name");
                }
            } else {
                adapter = api.createAdapter(name, TUNNEL_TYPE, guid);
            }
            session = api.startSession(adapter, ringCapacity);
            return new WintunTun(api, name, adapter, session, closeEvent, mtuSource, afterClose);
        } catch (IOException | RuntimeException e) {
            if (session != null) {
                api.endSession(session);
            }
            if (adapter != null) {
                api.closeAdapter(adapter);
            }
            api.closeHandle(closeEvent);
            throw e;
        }
    }

    /** The adapter's locally unique identifier, the key of every IP Helper call about it. */
    public long luid() {
        return luid;
    }

    /** The loaded Wintun driver's version, {@code major << 16 | minor} (0.14 is {@code 0x0000000E}), for the log. */
    public int driverVersion() {
        return driverVersion;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int mtu() throws IOException {
        return mtuSource.mtu(luid);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        ReentrantReadWriteLock.ReadLock lock = lifecycle.readLock();
        lock.lock();
        try {
            while (!closed) {
                IntByReference size = receivedSize.get();
                Pointer packet = api.receivePacket(session, size);
                if (packet != null) {
                    return deliver(packet, size.getValue(), dst);
                }
                if (api.waitForEither(readEvent, closeEvent) == 1) {
                    break;
                }
            }
            return -1;
        } catch (WindowsApiException e) {
            if (closed) {
                return -1;
            }
            throw e;
        } finally {
            lock.unlock();
        }
    }

    private int deliver(Pointer packet, int size, ByteBuffer dst) throws IOException {
        try {
            if (size > dst.remaining()) {
                throw new IOException("packet of " + size + " bytes from " + name + " does not fit the "
                        + dst.remaining() + " bytes left in the read buffer");
            }
            MemorySegment.copy(ring(packet, size), 0, MemorySegment.ofBuffer(dst), 0, size);
            dst.position(dst.position() + size);
            return size;
        } finally {
            api.releaseReceivePacket(session, packet);
        }
    }

    /**
     * The packet's bytes in the ring. The copies go through FFM segments rather than JNA's
     * {@code Pointer.getByteBuffer}, whose JNI-made buffer would be a fresh object per packet; these short-lived
     * segment views are the kind C2's escape analysis removes, keeping the packet path free of allocation.
     */
    private static MemorySegment ring(Pointer packet, int size) {
        return MemorySegment.ofAddress(Pointer.nativeValue(packet)).reinterpret(size);
    }

    /**
     * Writes one packet. When the send ring is full the packet is dropped, as a full NIC queue would drop it; IP
     * and the tunnelled transports recover from that, while blocking here would stall every peer's receive path.
     */
    @Override
    public void write(ByteBuffer src) throws IOException {
        ReentrantReadWriteLock.ReadLock lock = lifecycle.readLock();
        lock.lock();
        try {
            if (closed) {
                throw new IOException("Wintun adapter " + name + " is closed");
            }
            int size = src.remaining();
            Pointer packet = api.allocateSendPacket(session, size);
            if (packet == null) {
                src.position(src.limit());
                return;
            }
            MemorySegment.copy(MemorySegment.ofBuffer(src), 0, ring(packet, size), 0, size);
            src.position(src.limit());
            api.sendPacket(session, packet);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Wakes blocked readers, then ends the session and closes the adapter: one this process created is removed (its
     * addresses and routes go with it); a reused one stays, without a session, for the next start to open.
     */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        api.setEvent(closeEvent);
        ReentrantReadWriteLock.WriteLock lock = lifecycle.writeLock();
        lock.lock();
        try {
            api.endSession(session);
            api.closeAdapter(adapter);
            api.closeHandle(closeEvent);
        } finally {
            lock.unlock();
            afterClose.run();
        }
    }
}
