package dev.warren.bridge.windows.wintun;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import dev.warren.bridge.windows.CallLog;
import dev.warren.bridge.windows.WindowsApiException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A Wintun "driver" in memory: records every call, hands out symbolic handles, serves queued inbound packets from
 * real native memory (so the copy code runs for real) and keeps the packets the code sends.
 */
public final class RecordingWintunApi implements WintunApi {

    public final CallLog log;
    final List<byte[]> sent = new ArrayList<>();
    final Map<Pointer, String> names = new HashMap<>();
    boolean ringFull;
    Integer failStartSessionWith;
    Integer failDriverVersionWith;

    private final Deque<byte[]> inbound = new ArrayDeque<>();
    private final Map<Pointer, Memory> outstanding = new HashMap<>();
    private boolean closeSignalled;
    private long nextHandle = 0x1000;

    public RecordingWintunApi() {
        this(new CallLog());
    }

    /** Records into {@code log}, shared with other fakes so a test sees the order across them. */
    public RecordingWintunApi(CallLog log) {
        this.log = log;
    }

    private synchronized Pointer handle(String name) {
        Pointer p = new Pointer(nextHandle);
        nextHandle += 0x10;
        names.put(p, name);
        return p;
    }

    private String n(Pointer p) {
        return names.getOrDefault(p, String.valueOf(p));
    }

    synchronized void queueInbound(byte[] packet) {
        inbound.add(packet);
        notifyAll();
    }

    @Override
    public Pointer createAdapter(String name, String tunnelType, UUID requestedGuid) {
        log.add("WintunCreateAdapter", name, tunnelType, requestedGuid);
        return handle("adapter");
    }

    /** Adapters that already exist, by name (e.g. left by a crashed manager). */
    public final java.util.Set<String> existing = new java.util.HashSet<>();

    @Override
    public Pointer openAdapter(String name) {
        log.add("WintunOpenAdapter", name);
        return existing.contains(name) ? handle("existingAdapter") : null;
    }

    @Override
    public void closeAdapter(Pointer adapter) {
        log.add("WintunCloseAdapter", n(adapter));
    }

    @Override
    public long adapterLuid(Pointer adapter) {
        log.add("WintunGetAdapterLUID", n(adapter));
        return 0x0006_0000_0100_0000L;
    }

    @Override
    public int runningDriverVersion() throws WindowsApiException {
        log.add("WintunGetRunningDriverVersion");
        if (failDriverVersionWith != null) {
            throw new WindowsApiException("WintunGetRunningDriverVersion", failDriverVersionWith);
        }
        return 0x0000000E;
    }

    @Override
    public Pointer startSession(Pointer adapter, int ringCapacity) throws WindowsApiException {
        log.add("WintunStartSession", n(adapter), "0x" + Integer.toHexString(ringCapacity));
        if (failStartSessionWith != null) {
            throw new WindowsApiException("WintunStartSession", failStartSessionWith);
        }
        return handle("session");
    }

    @Override
    public void endSession(Pointer session) {
        log.add("WintunEndSession", n(session));
    }

    @Override
    public Pointer readWaitEvent(Pointer session) {
        log.add("WintunGetReadWaitEvent", n(session));
        return handle("readEvent");
    }

    @Override
    public synchronized Pointer receivePacket(Pointer session, IntByReference size) {
        log.add("WintunReceivePacket", n(session));
        byte[] next = inbound.poll();
        if (next == null) {
            return null;
        }
        Memory m = new Memory(next.length);
        m.write(0, next, 0, next.length);
        outstanding.put(m, m);
        size.setValue(next.length);
        return m;
    }

    @Override
    public synchronized void releaseReceivePacket(Pointer session, Pointer packet) {
        log.add("WintunReleaseReceivePacket", n(session), outstanding.remove(packet) != null ? "packet" : "UNKNOWN");
    }

    @Override
    public synchronized Pointer allocateSendPacket(Pointer session, int size) {
        log.add("WintunAllocateSendPacket", n(session), size);
        if (ringFull) {
            return null;
        }
        Memory m = new Memory(size);
        outstanding.put(m, m);
        return m;
    }

    @Override
    public synchronized void sendPacket(Pointer session, Pointer packet) {
        Memory m = outstanding.remove(packet);
        log.add("WintunSendPacket", n(session), m != null ? "packet" : "UNKNOWN");
        sent.add(m.getByteArray(0, (int) m.size()));
    }

    @Override
    public Pointer createEvent() {
        log.add("CreateEventW", "manualReset=true", "initialState=false");
        return handle("closeEvent");
    }

    @Override
    public synchronized void setEvent(Pointer event) {
        log.add("SetEvent", n(event));
        closeSignalled = true;
        notifyAll();
    }

    @Override
    public synchronized int waitForEither(Pointer first, Pointer second) {
        log.add("WaitForMultipleObjects", n(first), n(second));
        while (inbound.isEmpty() && !closeSignalled) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return closeSignalled ? 1 : 0;
    }

    @Override
    public void closeHandle(Pointer handle) {
        log.add("CloseHandle", n(handle));
    }
}
