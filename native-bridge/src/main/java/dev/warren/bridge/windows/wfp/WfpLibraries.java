package dev.warren.bridge.windows.wfp;

import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.win32.StdCallLibrary;

/**
 * JNA declarations of the functions the WFP kill-switch calls, by their exported names. The {@code Fwpm*}
 * functions return a Win32 or {@code FWP_E_*} code, 0 on success.
 */
public final class WfpLibraries {

    private WfpLibraries() {
    }

    /** {@code fwpuclnt.dll} ({@code fwpmu.h}). */
    public interface Fwpuclnt extends StdCallLibrary {
        int RPC_C_AUTHN_WINNT = 10;

        int FwpmEngineOpen0(WString serverName, int authnService, Pointer authIdentity, FwpmSession0 session,
                PointerByReference engineHandle);

        int FwpmEngineClose0(Pointer engineHandle);

        int FwpmTransactionBegin0(Pointer engineHandle, int flags);

        int FwpmTransactionCommit0(Pointer engineHandle);

        int FwpmTransactionAbort0(Pointer engineHandle);

        int FwpmProviderAdd0(Pointer engineHandle, FwpmProvider0 provider, Pointer securityDescriptor);

        int FwpmSubLayerAdd0(Pointer engineHandle, FwpmSubLayer0 subLayer, Pointer securityDescriptor);

        int FwpmFilterAdd0(Pointer engineHandle, FwpmFilter0 filter, Pointer securityDescriptor, LongByReference id);

        int FwpmGetAppIdFromFileName0(WString fileName, PointerByReference appId);

        void FwpmFreeMemory0(PointerByReference memory);
    }

    /** {@code advapi32.dll}: the security descriptor of the manager-service condition. */
    public interface Advapi32 extends StdCallLibrary {
        int SDDL_REVISION_1 = 1;

        boolean ConvertStringSecurityDescriptorToSecurityDescriptorW(WString sddl, int revision,
                PointerByReference securityDescriptor, IntByReference size);
    }

    /** {@code kernel32.dll}: frees the security descriptor. */
    public interface Kernel32 extends StdCallLibrary {
        Pointer LocalFree(Pointer memory);
    }
}
