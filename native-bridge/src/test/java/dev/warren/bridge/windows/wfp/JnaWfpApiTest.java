package dev.warren.bridge.windows.wfp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import dev.warren.bridge.windows.WindowsApiException;
import dev.warren.core.config.IpNetwork;
import java.net.Inet6Address;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@link JnaWfpApi}'s encoding, byte for byte: the library interfaces are implemented here in Java, so the
 * structures it passes are written to native memory exactly as for the DLL and read back from there.
 */
class JnaWfpApiTest {

    private static final UUID PROVIDER = UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");
    private static final UUID SUBLAYER = UUID.fromString("01234567-89ab-cdef-0123-456789abcdef");

    /** Captures native memory at call time. */
    private static final class Libraries implements WfpLibraries.Fwpuclnt, WfpLibraries.Advapi32, WfpLibraries.Kernel32 {
        final List<String> calls = new ArrayList<>();
        byte[] filter;
        byte[] session;
        byte[] subLayer;
        byte[] subLayerProvider;
        final List<byte[]> conditions = new ArrayList<>();
        final List<byte[]> pointees = new ArrayList<>();
        final Memory appId = blob("\\device\\harddiskvolume3\\warren.exe");
        final Memory sd = new Memory(20);
        int filterStatus;

        private static Memory blob(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_16LE);
            Memory data = new Memory(b.length);
            data.write(0, b, 0, b.length);
            Memory blob = new Memory(16);
            blob.setInt(0, b.length);
            blob.setPointer(8, data);
            return blob;
        }

        @Override
        public int FwpmEngineOpen0(WString serverName, int authnService, Pointer authIdentity, FwpmSession0 s,
                PointerByReference engineHandle) {
            s.write();
            session = s.getPointer().getByteArray(0, s.size());
            calls.add("FwpmEngineOpen0(" + serverName + ", " + authnService + ", " + authIdentity + ")");
            engineHandle.setValue(new Pointer(0x4242));
            return 0;
        }

        @Override
        public int FwpmEngineClose0(Pointer engineHandle) {
            calls.add("FwpmEngineClose0(" + Pointer.nativeValue(engineHandle) + ")");
            return 0;
        }

        @Override
        public int FwpmTransactionBegin0(Pointer engineHandle, int flags) {
            calls.add("FwpmTransactionBegin0(" + Pointer.nativeValue(engineHandle) + ", " + flags + ")");
            return 0;
        }

        @Override
        public int FwpmTransactionCommit0(Pointer engineHandle) {
            return 0;
        }

        @Override
        public int FwpmTransactionAbort0(Pointer engineHandle) {
            return 0;
        }

        @Override
        public int FwpmProviderAdd0(Pointer engineHandle, FwpmProvider0 provider, Pointer securityDescriptor) {
            return 0;
        }

        @Override
        public int FwpmSubLayerAdd0(Pointer engineHandle, FwpmSubLayer0 s, Pointer securityDescriptor) {
            s.write();
            subLayer = s.getPointer().getByteArray(0, s.size());
            subLayerProvider = s.getPointer().getPointer(40).getByteArray(0, 16);
            return 0;
        }

        @Override
        public int FwpmFilterAdd0(Pointer engineHandle, FwpmFilter0 f, Pointer securityDescriptor, LongByReference id) {
            f.write();
            Pointer p = f.getPointer();
            filter = p.getByteArray(0, f.size());
            Pointer array = p.getPointer(120);
            for (int i = 0; i < f.numFilterConditions; i++) {
                conditions.add(array.getByteArray(i * 40L, 40));
                pointees.add(pointee(array.getInt(i * 40L + 24), array.getPointer(i * 40L + 32)));
            }
            id.setValue(77);
            return filterStatus;
        }

        /** What a condition value points to, by its type; empty for the inline integer types. */
        private static byte[] pointee(int type, Pointer p) {
            return switch (type) {
                case WfpValue.FWP_UINT64 -> p.getByteArray(0, 8);
                case WfpValue.FWP_BYTE_ARRAY16_TYPE -> p.getByteArray(0, 16);
                case WfpValue.FWP_V4_ADDR_MASK -> p.getByteArray(0, 8);
                case WfpValue.FWP_V6_ADDR_MASK -> p.getByteArray(0, 17);
                case WfpValue.FWP_BYTE_BLOB_TYPE, WfpValue.FWP_SECURITY_DESCRIPTOR_TYPE -> p.getByteArray(0, 16);
                default -> new byte[0];
            };
        }

        @Override
        public int FwpmGetAppIdFromFileName0(WString fileName, PointerByReference id) {
            calls.add("FwpmGetAppIdFromFileName0(" + fileName + ")");
            id.setValue(appId);
            return 0;
        }

        @Override
        public void FwpmFreeMemory0(PointerByReference memory) {
            calls.add("FwpmFreeMemory0(" + (Pointer.nativeValue(memory.getValue()) == Pointer.nativeValue(appId)) + ")");
        }

        @Override
        public boolean ConvertStringSecurityDescriptorToSecurityDescriptorW(WString sddl, int revision,
                PointerByReference securityDescriptor, IntByReference size) {
            calls.add("ConvertStringSecurityDescriptorToSecurityDescriptorW(" + sddl + ", " + revision + ")");
            securityDescriptor.setValue(sd);
            size.setValue(20);
            return true;
        }

        @Override
        public Pointer LocalFree(Pointer memory) {
            calls.add("LocalFree(" + (Pointer.nativeValue(memory) == Pointer.nativeValue(sd)) + ")");
            return null;
        }
    }

    private final Libraries libs = new Libraries();
    private final JnaWfpApi api = new JnaWfpApi(libs, libs, libs);

    private static String hex(byte[] b, int from, int to) {
        return HexFormat.of().formatHex(b, from, to);
    }

    private static int int32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    private static long int64(byte[] b, int at) {
        return (int32(b, at) & 0xFFFF_FFFFL) | (long) int32(b, at + 4) << 32;
    }

    @Test
    void opensADynamicSessionWithoutTransactionTimeout() throws Exception {
        assertEquals(0x4242, api.engineOpen("Warren", "Warren kill-switch for wg0"));
        assertEquals(List.of("FwpmEngineOpen0(null, 10, null)"), libs.calls);
        assertEquals(FwpmSession0.FWPM_SESSION_FLAG_DYNAMIC, int32(libs.session, 32), "flags");
        assertEquals(-1, int32(libs.session, 36), "txnWaitTimeoutInMSec = INFINITE");
    }

    @Test
    void subLayerPointsAtItsProviderAndWeighsMost() throws Exception {
        api.subLayerAdd(1, SUBLAYER, PROVIDER, "Warren kill-switch", "", 0xFFFF);
        assertEquals("67452301ab89efcd0123456789abcdef", hex(libs.subLayer, 0, 16),
                "GUID: Data1-3 little-endian, Data4 as bytes");
        assertEquals("33221100554477668899aabbccddeeff", hex(libs.subLayerProvider, 0, 16));
        assertEquals("ffff", hex(libs.subLayer, 64, 66), "weight");
    }

    @Test
    void encodesTheFilterAndEveryConditionTypeAsTheEngineReadsThem() throws Exception {
        WfpFilter filter = new WfpFilter("Permit DNS", WfpLayer.ALE_AUTH_CONNECT_V4, 15, WfpFilter.Action.PERMIT, List.of(
                WfpCondition.equal(WfpField.IP_PROTOCOL, new WfpValue.Uint8(17)),
                WfpCondition.equal(WfpField.IP_REMOTE_PORT, new WfpValue.Uint16(53)),
                WfpCondition.equal(WfpField.IP_REMOTE_ADDRESS, new WfpValue.Uint32(0x0a400001L)),
                WfpCondition.equal(WfpField.IP_LOCAL_INTERFACE, new WfpValue.Uint64(0x0006_0000_0100_0000L)),
                WfpCondition.equal(WfpField.IP_REMOTE_ADDRESS,
                        new WfpValue.Ipv6Address((Inet6Address) IpNetwork.parseLiteral("fd64::1"))),
                WfpCondition.equal(WfpField.IP_REMOTE_ADDRESS, new WfpValue.V4AddrMask(IpNetwork.parse("192.168.1.0/24"))),
                WfpCondition.equal(WfpField.IP_LOCAL_ADDRESS, new WfpValue.V6AddrMask(IpNetwork.parse("fe80::/10"))),
                WfpCondition.equal(WfpField.ALE_APP_ID, new WfpValue.AppId("C:\\Warren\\Warren.exe")),
                WfpCondition.equal(WfpField.ALE_USER_ID, new WfpValue.SecurityDescriptor("O:SYD:(A;;CC;;;SY)")),
                new WfpCondition(WfpField.FLAGS, WfpCondition.MATCH_FLAGS_ALL_SET, new WfpValue.Uint32(1))), true);
        assertEquals(77, api.filterAdd(0x4242, PROVIDER, SUBLAYER, filter));

        byte[] f = libs.filter;
        assertEquals(WfpFilter.FWPM_FILTER_FLAG_CLEAR_ACTION_RIGHT, int32(f, 32), "flags");
        assertEquals("d1578dc3a705334c904f7fbceee60e82", hex(f, 64, 80), "FWPM_LAYER_ALE_AUTH_CONNECT_V4");
        assertEquals(WfpValue.FWP_UINT8, int32(f, 96), "weight type");
        assertEquals(15, int64(f, 104), "weight");
        assertEquals(10, int32(f, 112), "numFilterConditions");
        assertEquals(0x1002, int32(f, 128), "FWP_ACTION_PERMIT");

        List<byte[]> c = libs.conditions;
        assertEquals("2bef7139 3e62 9a4f 8cb1 6e79b806b9a7".replace(" ", ""), hex(c.get(0), 0, 16), "IP_PROTOCOL key");
        assertEquals(0, int32(c.get(0), 16), "FWP_MATCH_EQUAL");
        assertEquals(WfpValue.FWP_UINT8, int32(c.get(0), 24));
        assertEquals(17, int64(c.get(0), 32));
        assertEquals(WfpValue.FWP_UINT16, int32(c.get(1), 24));
        assertEquals(53, int64(c.get(1), 32));
        assertEquals(WfpValue.FWP_UINT32, int32(c.get(2), 24));
        assertEquals(0x0a400001L, int64(c.get(2), 32));
        assertEquals(WfpValue.FWP_UINT64, int32(c.get(3), 24));
        assertEquals(0x0006_0000_0100_0000L, int64(libs.pointees.get(3), 0), "the LUID, behind a pointer");
        assertEquals(WfpValue.FWP_BYTE_ARRAY16_TYPE, int32(c.get(4), 24));
        assertEquals("fd640000000000000000000000000001", hex(libs.pointees.get(4), 0, 16), "network order");
        assertEquals(WfpValue.FWP_V4_ADDR_MASK, int32(c.get(5), 24));
        assertEquals(0xc0a80100, int32(libs.pointees.get(5), 0), "host-order address");
        assertEquals(0xffffff00, int32(libs.pointees.get(5), 4), "host-order mask");
        assertEquals(WfpValue.FWP_V6_ADDR_MASK, int32(c.get(6), 24));
        assertEquals("fe80000000000000000000000000000000".substring(0, 32) + "0a", hex(libs.pointees.get(6), 0, 17));
        assertEquals(WfpValue.FWP_BYTE_BLOB_TYPE, int32(c.get(7), 24));
        assertArrayEquals(libs.appId.getByteArray(0, 16), libs.pointees.get(7), "the blob the engine made");
        assertEquals(WfpValue.FWP_SECURITY_DESCRIPTOR_TYPE, int32(c.get(8), 24));
        assertEquals(20, int32(libs.pointees.get(8), 0), "blob size");
        assertEquals(Pointer.nativeValue(libs.sd), int64(libs.pointees.get(8), 8), "blob data");
        assertEquals(WfpCondition.MATCH_FLAGS_ALL_SET, int32(c.get(9), 16));
        assertEquals(1, int64(c.get(9), 32));

        assertEquals(List.of("FwpmGetAppIdFromFileName0(C:\\Warren\\Warren.exe)",
                "ConvertStringSecurityDescriptorToSecurityDescriptorW(O:SYD:(A;;CC;;;SY), 1)",
                "FwpmFreeMemory0(true)", "LocalFree(true)"), libs.calls, "what was allocated is freed after the add");
    }

    @Test
    void aFilterWithoutConditionsAndAFailureCode() {
        libs.filterStatus = 0x80320009;
        WindowsApiException e = assertThrows(WindowsApiException.class, () -> api.filterAdd(1, PROVIDER, SUBLAYER,
                new WfpFilter("Block all", WfpLayer.ALE_AUTH_RECV_ACCEPT_V6, 0, WfpFilter.Action.BLOCK, List.of(), false)));
        assertEquals("FwpmFilterAdd0", e.function());
        assertEquals(0x80320009, e.code());
        assertEquals(0, int32(libs.filter, 112));
        assertEquals(0, int64(libs.filter, 120), "no condition array");
        assertEquals(0x1001, int32(libs.filter, 128), "FWP_ACTION_BLOCK");
    }
}
