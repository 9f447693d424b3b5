package dev.warren.bridge.windows.wfp;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.Guid;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import dev.warren.bridge.windows.WindowsApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@link WfpApi} on {@code fwpuclnt.dll}. Each call builds its structures in JNA memory that lives until the
 * call returns; the engine copies what it keeps.
 */
public final class JnaWfpApi implements WfpApi {

    private final WfpLibraries.Fwpuclnt fwp;
    private final WfpLibraries.Advapi32 advapi32;
    private final WfpLibraries.Kernel32 kernel32;

    public JnaWfpApi(WfpLibraries.Fwpuclnt fwp, WfpLibraries.Advapi32 advapi32, WfpLibraries.Kernel32 kernel32) {
        this.fwp = fwp;
        this.advapi32 = advapi32;
        this.kernel32 = kernel32;
    }

    public static JnaWfpApi load() {
        return new JnaWfpApi(Native.load("fwpuclnt", WfpLibraries.Fwpuclnt.class),
                Native.load("advapi32", WfpLibraries.Advapi32.class),
                Native.load("kernel32", WfpLibraries.Kernel32.class));
    }

    private static void check(String function, int status) throws WindowsApiException {
        if (status != 0) {
            throw new WindowsApiException(function, status);
        }
    }

    static Guid.GUID guid(UUID uuid) {
        return Guid.GUID.fromString("{" + uuid + "}");
    }

    private static Guid.GUID.ByReference guidRef(UUID uuid) {
        Guid.GUID.ByReference g = new Guid.GUID.ByReference();
        Guid.GUID value = guid(uuid);
        g.Data1 = value.Data1;
        g.Data2 = value.Data2;
        g.Data3 = value.Data3;
        g.Data4 = value.Data4;
        return g;
    }

    private static Pointer handle(long engine) {
        return new Pointer(engine);
    }

    @Override
    public long engineOpen(String sessionName, String sessionDescription) throws WindowsApiException {
        FwpmSession0 session = new FwpmSession0();
        session.displayData.set(sessionName, sessionDescription);
        session.flags = FwpmSession0.FWPM_SESSION_FLAG_DYNAMIC;
        session.txnWaitTimeoutInMSec = FwpmSession0.INFINITE;
        PointerByReference engine = new PointerByReference();
        check("FwpmEngineOpen0", fwp.FwpmEngineOpen0(null, WfpLibraries.Fwpuclnt.RPC_C_AUTHN_WINNT, null, session,
                engine));
        return Pointer.nativeValue(engine.getValue());
    }

    @Override
    public void engineClose(long engine) throws WindowsApiException {
        check("FwpmEngineClose0", fwp.FwpmEngineClose0(handle(engine)));
    }

    @Override
    public void transactionBegin(long engine) throws WindowsApiException {
        check("FwpmTransactionBegin0", fwp.FwpmTransactionBegin0(handle(engine), 0));
    }

    @Override
    public void transactionCommit(long engine) throws WindowsApiException {
        check("FwpmTransactionCommit0", fwp.FwpmTransactionCommit0(handle(engine)));
    }

    @Override
    public void transactionAbort(long engine) throws WindowsApiException {
        check("FwpmTransactionAbort0", fwp.FwpmTransactionAbort0(handle(engine)));
    }

    @Override
    public void providerAdd(long engine, UUID providerKey, String name, String description)
            throws WindowsApiException {
        FwpmProvider0 provider = new FwpmProvider0();
        provider.providerKey = guid(providerKey);
        provider.displayData.set(name, description);
        check("FwpmProviderAdd0", fwp.FwpmProviderAdd0(handle(engine), provider, null));
    }

    @Override
    public void subLayerAdd(long engine, UUID subLayerKey, UUID providerKey, String name, String description,
            int weight) throws WindowsApiException {
        FwpmSubLayer0 subLayer = new FwpmSubLayer0();
        subLayer.subLayerKey = guid(subLayerKey);
        subLayer.displayData.set(name, description);
        subLayer.providerKey = guidRef(providerKey);
        subLayer.weight = (short) weight;
        check("FwpmSubLayerAdd0", fwp.FwpmSubLayerAdd0(handle(engine), subLayer, null));
    }

    @Override
    public long filterAdd(long engine, UUID providerKey, UUID subLayerKey, WfpFilter filter)
            throws WindowsApiException {
        try (Values values = new Values()) {
            FwpmFilter0 f = new FwpmFilter0();
            f.displayData.set(filter.name(), "");
            f.flags = filter.flags();
            f.providerKey = guidRef(providerKey);
            f.layerKey = guid(filter.layer().key());
            f.subLayerKey = guid(subLayerKey);
            f.weight.set(WfpValue.FWP_UINT8, filter.weight());
            f.action.type = filter.action().code();
            List<WfpCondition> conditions = filter.conditions();
            f.numFilterConditions = conditions.size();
            if (!conditions.isEmpty()) {
                FwpmFilterCondition0[] array = (FwpmFilterCondition0[]) new FwpmFilterCondition0().toArray(conditions.size());
                for (int i = 0; i < array.length; i++) {
                    WfpCondition c = conditions.get(i);
                    array[i].fieldKey = guid(c.field().key());
                    array[i].matchType = c.match();
                    values.encode(c.value(), array[i].conditionValue);
                    array[i].write();
                }
                f.filterCondition = array[0].getPointer();
            }
            LongByReference id = new LongByReference();
            check("FwpmFilterAdd0", fwp.FwpmFilterAdd0(handle(engine), f, null, id));
            return id.getValue();
        }
    }

    /** Native memory for condition values, kept until the filter is added and then released. */
    private final class Values implements AutoCloseable {
        private final List<Object> keepAlive = new ArrayList<>();
        private final List<Pointer> appIds = new ArrayList<>();
        private final List<Pointer> securityDescriptors = new ArrayList<>();

        void encode(WfpValue v, FwpValue0 out) throws WindowsApiException {
            switch (v) {
                case WfpValue.Uint8 u -> out.set(v.type(), u.value());
                case WfpValue.Uint16 u -> out.set(v.type(), u.value());
                case WfpValue.Uint32 u -> out.set(v.type(), u.value());
                case WfpValue.Uint64 u -> {
                    Memory m = new Memory(8);
                    m.setLong(0, u.value());
                    out.set(v.type(), pointer(m));
                }
                case WfpValue.Ipv6Address a -> {
                    Memory m = new Memory(16);
                    m.write(0, a.address().getAddress(), 0, 16);
                    out.set(v.type(), pointer(m));
                }
                case WfpValue.V4AddrMask n -> {
                    FwpV4AddrAndMask s = new FwpV4AddrAndMask();
                    byte[] b = n.network().address().getAddress();
                    s.addr = (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
                    s.mask = n.network().prefixLength() == 0 ? 0 : -1 << (32 - n.network().prefixLength());
                    out.set(v.type(), pointer(s));
                }
                case WfpValue.V6AddrMask n -> {
                    FwpV6AddrAndMask s = new FwpV6AddrAndMask();
                    s.addr = n.network().address().getAddress();
                    s.prefixLength = (byte) n.network().prefixLength();
                    out.set(v.type(), pointer(s));
                }
                case WfpValue.AppId a -> {
                    PointerByReference blob = new PointerByReference();
                    check("FwpmGetAppIdFromFileName0", fwp.FwpmGetAppIdFromFileName0(new WString(a.executable()), blob));
                    appIds.add(blob.getValue());
                    out.set(v.type(), Pointer.nativeValue(blob.getValue()));
                }
                case WfpValue.SecurityDescriptor sd -> {
                    PointerByReference p = new PointerByReference();
                    IntByReference size = new IntByReference();
                    if (!advapi32.ConvertStringSecurityDescriptorToSecurityDescriptorW(new WString(sd.sddl()),
                            WfpLibraries.Advapi32.SDDL_REVISION_1, p, size)) {
                        throw new WindowsApiException("ConvertStringSecurityDescriptorToSecurityDescriptorW",
                                Native.getLastError(), sd.sddl());
                    }
                    securityDescriptors.add(p.getValue());
                    FwpByteBlob blob = new FwpByteBlob();
                    blob.size = size.getValue();
                    blob.data = p.getValue();
                    out.set(v.type(), pointer(blob));
                }
            }
        }

        private long pointer(Memory m) {
            keepAlive.add(m);
            return Pointer.nativeValue(m);
        }

        private long pointer(Structure s) {
            s.write();
            keepAlive.add(s);
            return Pointer.nativeValue(s.getPointer());
        }

        @Override
        public void close() {
            for (Pointer p : appIds) {
                fwp.FwpmFreeMemory0(new PointerByReference(p));
            }
            for (Pointer p : securityDescriptors) {
                kernel32.LocalFree(p);
            }
        }
    }
}
