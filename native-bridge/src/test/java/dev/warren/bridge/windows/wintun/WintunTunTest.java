package dev.warren.bridge.windows.wintun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.warren.bridge.windows.WindowsApiException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WintunTunTest {

    private static final UUID OFFICE = AdapterGuid.forTunnel("office");
    /** The IP Helper's answer for any LUID: the "office" tunnel's GUID. */
    private static final WintunTun.GuidLookup OURS = luid -> OFFICE;

    private final RecordingWintunApi api = new RecordingWintunApi();

    @Test
    void createStartsASessionOnAnAdapterWithTheTunnelsGuid() throws Exception {
        try (WintunTun tun = WintunTun.create(api, "office", WintunTun.DEFAULT_RING_CAPACITY, luid -> 1420, OURS)) {
            assertEquals(List.of(
                    "CreateEventW(manualReset=true, initialState=false)",
                    "WintunOpenAdapter(office)",
                    "WintunCreateAdapter(office, Warren, " + AdapterGuid.forTunnel("office") + ")",
                    "WintunStartSession(adapter, 0x800000)",
                    "WintunGetReadWaitEvent(session)",
                    "WintunGetAdapterLUID(adapter)",
                    "WintunGetRunningDriverVersion()"), api.log.calls());
            assertEquals(0x0006_0000_0100_0000L, tun.luid());
            assertEquals(14, tun.driverVersion(), "Wintun 0.14");
            assertEquals(1420, tun.mtu());
            assertEquals("office", tun.name());
        }
    }

    /** After a crash the adapter can still be there: Wintun cannot create a second with its GUID, so it is reused. */
    @Test
    void anAdapterLeftByACrashedManagerIsOpenedAndReused() throws Exception {
        api.existing.add("office");
        try (WintunTun tun = WintunTun.create(api, "office", WintunTun.DEFAULT_RING_CAPACITY, luid -> 1420, OURS)) {
            assertEquals(List.of(
                    "CreateEventW(manualReset=true, initialState=false)",
                    "WintunOpenAdapter(office)",
                    "WintunGetAdapterLUID(existingAdapter)",
                    "WintunStartSession(existingAdapter, 0x800000)"), api.log.calls().subList(0, 4));
            assertEquals(List.of(), api.log.callsTo("WintunCreateAdapter"));
            assertEquals(0x0006_0000_0100_0000L, tun.luid());
        }
        assertEquals("WintunCloseAdapter(existingAdapter)", api.log.callsTo("WintunCloseAdapter").getFirst());
    }

    @Test
    void anotherProgramsAdapterOfTheSameNameIsLeftAloneWithAClearError() {
        api.existing.add("office");
        UUID theirs = UUID.fromString("00000000-0000-0000-0000-000000000042");
        var e = assertThrows(IOException.class,
                () -> WintunTun.create(api, "office", WintunTun.DEFAULT_RING_CAPACITY, luid -> 1420, luid -> theirs));
        assertEquals("a network adapter named 'office' already exists and is not Warren's (its GUID is " + theirs
                + ", Warren's would be " + OFFICE + "); rename or remove it, or give the tunnel another name",
                e.getMessage());
        assertEquals(List.of("WintunCloseAdapter(existingAdapter)", "CloseHandle(closeEvent)"),
                api.log.calls().subList(api.log.calls().size() - 2, api.log.calls().size()),
                "the handle is released; an opened adapter is not removed by closing it");
        assertEquals(List.of(), api.log.callsTo("WintunStartSession"));
    }

    @Test
    void aFailedSessionStartRemovesTheAdapterAgain() {
        api.failStartSessionWith = WindowsApiException.ERROR_ACCESS_DENIED;
        WindowsApiException e = assertThrows(WindowsApiException.class,
                () -> WintunTun.create(api, "office", WintunTun.DEFAULT_RING_CAPACITY, luid -> 1420, OURS));
        assertEquals("WintunStartSession", e.function());
        assertEquals(List.of("WintunCloseAdapter(adapter)", "CloseHandle(closeEvent)"),
                api.log.calls().subList(4, 6));
    }

    @Test
    void aFailureAfterTheSessionStartedEndsItBeforeRemovingTheAdapter() {
        api.failDriverVersionWith = 87;
        assertThrows(WindowsApiException.class,
                () -> WintunTun.create(api, "office", WintunTun.DEFAULT_RING_CAPACITY, luid -> 1420, OURS));
        List<String> calls = api.log.calls();
        assertEquals(List.of("WintunEndSession(session)", "WintunCloseAdapter(adapter)", "CloseHandle(closeEvent)"),
                calls.subList(calls.size() - 3, calls.size()));
    }

    @Test
    void ringCapacityMustBeAPowerOfTwoInWintunsRange() {
        for (int bad : new int[] {0x10000, 0x800001, 0x8000000}) {
            assertThrows(IllegalArgumentException.class, () -> WintunTun.create(api, "x", bad, luid -> 1420, OURS));
        }
        assertEquals(List.of(), api.log.calls());
    }

    @Test
    void readCopiesThePacketAndReleasesIt() throws Exception {
        try (WintunTun tun = WintunTun.create(api, "office", WintunTun.DEFAULT_RING_CAPACITY, luid -> 1420, OURS)) {
            api.log.clear();
            byte[] packet = {0x45, 0, 0, 20, 1, 2, 3, 4};
            api.queueInbound(packet);
            ByteBuffer dst = ByteBuffer.allocateDirect(1500);
            dst.put((byte) 0x7f);
            assertEquals(packet.length, tun.read(dst));
            assertEquals(1 + packet.length, dst.position());
            byte[] got = new byte[packet.length];
            dst.get(1, got);
            assertArrayEquals(packet, got);
            assertEquals(List.of("WintunReceivePacket(session)", "WintunReleaseReceivePacket(session, packet)"),
                    api.log.calls());

            api.queueInbound(new byte[] {0x60, 9, 8});
            ByteBuffer heap = ByteBuffer.allocate(4).position(1);
            assertEquals(3, tun.read(heap), "heap buffers work too");
            assertArrayEquals(new byte[] {0, 0x60, 9, 8}, heap.array());

            api.queueInbound(new byte[8]);
            var e = assertThrows(java.io.IOException.class, () -> tun.read(ByteBuffer.allocate(4)));
            assertEquals("packet of 8 bytes from office does not fit the 4 bytes left in the read buffer", e.getMessage());
            assertEquals("WintunReleaseReceivePacket(session, packet)", api.log.calls().getLast(),
                    "an undeliverable packet is still released to the ring");
        }
    }

    @Test
    void anEmptyRingWaitsOnTheReadEventAndTheCloseEvent() throws Exception {
        try (WintunTun tun = WintunTun.create(api, "office", WintunTun.DEFAULT_RING_CAPACITY, luid -> 1420, OURS)) {
            api.log.clear();
            CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(() -> {
                try {
                    return tun.read(ByteBuffer.allocateDirect(1500));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            waitUntil(() -> !api.log.callsTo("WaitForMultipleObjects").isEmpty());
            api.queueInbound(new byte[] {0x60, 0, 0, 0});
            assertEquals(4, reader.get(10, TimeUnit.SECONDS));
            assertEquals(List.of(
                    "WintunReceivePacket(session)",
                    "WaitForMultipleObjects(readEvent, closeEvent)",
                    "WintunReceivePacket(session)",
                    "WintunReleaseReceivePacket(session, packet)"), api.log.calls());
        }
    }

    @Test
    void closeWakesABlockedReaderWhichReturnsMinusOneAndThenTearsDown() throws Exception {
        WintunTun tun = WintunTun.create(api, "office", WintunTun.DEFAULT_RING_CAPACITY, luid -> 1420, OURS);
        api.log.clear();
        CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return tun.read(ByteBuffer.allocateDirect(1500));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        waitUntil(() -> !api.log.callsTo("WaitForMultipleObjects").isEmpty());
        tun.close();
        assertEquals(-1, reader.get(10, TimeUnit.SECONDS));
        List<String> calls = api.log.calls();
        assertEquals(List.of("SetEvent(closeEvent)", "WintunEndSession(session)", "WintunCloseAdapter(adapter)",
                "CloseHandle(closeEvent)"), calls.subList(calls.size() - 4, calls.size()));
        tun.close();
        assertEquals(calls, api.log.calls(), "a second close does nothing");
        assertEquals(-1, tun.read(ByteBuffer.allocateDirect(1500)));
    }

    @Test
    void theAfterCloseActionRunsOnceWhenTheAdapterIsGone() throws Exception {
        WintunTun tun = WintunTun.create(api, "office", WintunTun.DEFAULT_RING_CAPACITY, luid -> 1420, OURS,
                () -> api.log.add("afterClose"));
        tun.close();
        tun.close();
        List<String> calls = api.log.calls();
        assertEquals(List.of("WintunCloseAdapter(adapter)", "CloseHandle(closeEvent)", "afterClose()"),
                calls.subList(calls.size() - 3, calls.size()));
        assertEquals(1, api.log.callsTo("afterClose").size());
    }

    @Test
    void writeAllocatesCopiesAndSends() throws Exception {
        try (WintunTun tun = WintunTun.create(api, "office", WintunTun.DEFAULT_RING_CAPACITY, luid -> 1420, OURS)) {
            api.log.clear();
            ByteBuffer src = ByteBuffer.allocateDirect(64);
            src.put(new byte[] {9, 9, 0x45, 1, 2, 3}).flip().position(2);
            tun.write(src);
            assertEquals(src.limit(), src.position());
            assertEquals(List.of("WintunAllocateSendPacket(session, 4)", "WintunSendPacket(session, packet)"),
                    api.log.calls());
            assertArrayEquals(new byte[] {0x45, 1, 2, 3}, api.sent.getFirst());
        }
    }

    @Test
    void aFullSendRingDropsThePacket() throws Exception {
        try (WintunTun tun = WintunTun.create(api, "office", WintunTun.DEFAULT_RING_CAPACITY, luid -> 1420, OURS)) {
            api.ringFull = true;
            api.log.clear();
            ByteBuffer src = ByteBuffer.wrap(new byte[] {0x45, 1, 2, 3});
            tun.write(src);
            assertEquals(4, src.position(), "the dropped packet is consumed");
            assertEquals(List.of("WintunAllocateSendPacket(session, 4)"), api.log.calls());
            assertEquals(List.of(), api.sent);
        }
    }

    @Test
    void writeAfterCloseFailsNamingTheAdapter() throws Exception {
        WintunTun tun = WintunTun.create(api, "office", WintunTun.DEFAULT_RING_CAPACITY, luid -> 1420, OURS);
        tun.close();
        var e = assertThrows(java.io.IOException.class, () -> tun.write(ByteBuffer.wrap(new byte[] {0x45})));
        assertEquals("Wintun adapter office is closed", e.getMessage());
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within 10 s");
            }
            Thread.sleep(5);
        }
    }
}
