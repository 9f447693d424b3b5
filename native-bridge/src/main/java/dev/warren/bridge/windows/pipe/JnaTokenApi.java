package dev.warren.bridge.windows.pipe;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import dev.warren.bridge.windows.WindowsApiException;

/** {@link TokenApi} on the real kernel32/advapi32. */
public final class JnaTokenApi implements TokenApi {

    static final int PROCESS_QUERY_LIMITED_INFORMATION = 0x1000;
    static final int TOKEN_DUPLICATE = 0x0002;
    static final int TOKEN_QUERY = 0x0008;
    static final int TOKEN_USER = 1;
    static final int TOKEN_ELEVATION = 20;
    static final int SECURITY_IDENTIFICATION = 1;

    private final PipeLibraries.Kernel32 kernel32;
    private final PipeLibraries.Advapi32 advapi32;

    public JnaTokenApi(PipeLibraries.Kernel32 kernel32, PipeLibraries.Advapi32 advapi32) {
        this.kernel32 = kernel32;
        this.advapi32 = advapi32;
    }

    public static JnaTokenApi load() {
        return new JnaTokenApi(Native.load("kernel32", PipeLibraries.Kernel32.class),
                Native.load("advapi32", PipeLibraries.Advapi32.class));
    }

    @Override
    public long openProcessToken(int processId) throws WindowsApiException {
        Pointer process = kernel32.OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, false, processId);
        if (process == null) {
            throw new WindowsApiException("OpenProcess", Native.getLastError(), "process " + processId);
        }
        try {
            PointerByReference token = new PointerByReference();
            if (!advapi32.OpenProcessToken(process, TOKEN_QUERY | TOKEN_DUPLICATE, token)) {
                throw new WindowsApiException("OpenProcessToken", Native.getLastError(), "process " + processId);
            }
            return Pointer.nativeValue(token.getValue());
        } finally {
            kernel32.CloseHandle(process);
        }
    }

    private Memory information(long token, int infoClass) throws WindowsApiException {
        IntByReference needed = new IntByReference();
        advapi32.GetTokenInformation(new Pointer(token), infoClass, null, 0, needed);
        Memory info = new Memory(Math.max(4, needed.getValue()));
        if (!advapi32.GetTokenInformation(new Pointer(token), infoClass, info, (int) info.size(), needed)) {
            throw new WindowsApiException("GetTokenInformation", Native.getLastError(), "class " + infoClass);
        }
        return info;
    }

    @Override
    public boolean isElevated(long token) throws WindowsApiException {
        return information(token, TOKEN_ELEVATION).getInt(0) != 0;
    }

    @Override
    public String userSid(long token) throws WindowsApiException {
        Memory user = information(token, TOKEN_USER);
        PointerByReference text = new PointerByReference();
        if (!advapi32.ConvertSidToStringSidW(user.getPointer(0), text)) {
            throw new WindowsApiException("ConvertSidToStringSidW", Native.getLastError());
        }
        try {
            return text.getValue().getWideString(0);
        } finally {
            kernel32.LocalFree(text.getValue());
        }
    }

    @Override
    public long duplicateForIdentification(long token) throws WindowsApiException {
        PointerByReference duplicate = new PointerByReference();
        if (!advapi32.DuplicateToken(new Pointer(token), SECURITY_IDENTIFICATION, duplicate)) {
            throw new WindowsApiException("DuplicateToken", Native.getLastError());
        }
        return Pointer.nativeValue(duplicate.getValue());
    }

    @Override
    public boolean isMember(long impersonationToken, String sid) throws WindowsApiException {
        PointerByReference psid = new PointerByReference();
        if (!advapi32.ConvertStringSidToSidW(new WString(sid), psid)) {
            throw new WindowsApiException("ConvertStringSidToSidW", Native.getLastError(), sid);
        }
        try {
            IntByReference member = new IntByReference();
            if (!advapi32.CheckTokenMembership(new Pointer(impersonationToken), psid.getValue(), member)) {
                throw new WindowsApiException("CheckTokenMembership", Native.getLastError(), sid);
            }
            return member.getValue() != 0;
        } finally {
            kernel32.LocalFree(psid.getValue());
        }
    }

    @Override
    public void close(long handle) {
        kernel32.CloseHandle(new Pointer(handle));
    }
}
