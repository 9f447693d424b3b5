package dev.warren.bridge.windows.pipe;

import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.win32.StdCallLibrary;

/**
 * JNA declarations of the kernel32 and advapi32 functions of the pipe server and the token checks, under their
 * exported names (the W variant wherever a function takes a string). {@code OVERLAPPED} is passed as a raw pointer
 * on purpose: JNA would otherwise copy the Java fields over the kernel's in-flight status on every call.
 */
public final class PipeLibraries {

    private PipeLibraries() {
    }

    public interface Kernel32 extends StdCallLibrary {
        Pointer INVALID_HANDLE_VALUE = new Pointer(-1);

        Pointer CreateNamedPipeW(WString name, int openMode, int pipeMode, int maxInstances, int outBufferSize,
                int inBufferSize, int defaultTimeOut, Pointer securityAttributes);

        boolean ConnectNamedPipe(Pointer pipe, Pointer overlapped);

        boolean DisconnectNamedPipe(Pointer pipe);

        boolean GetNamedPipeClientProcessId(Pointer pipe, IntByReference clientProcessId);

        /** {@code ServerSessionId} is a {@code PULONG}: 4 bytes on Windows. */
        boolean GetNamedPipeServerSessionId(Pointer pipe, IntByReference serverSessionId);

        boolean ReadFile(Pointer file, Pointer buffer, int bytesToRead, IntByReference bytesRead, Pointer overlapped);

        boolean WriteFile(Pointer file, Pointer buffer, int bytesToWrite, IntByReference bytesWritten,
                Pointer overlapped);

        boolean GetOverlappedResult(Pointer file, Pointer overlapped, IntByReference bytesTransferred, boolean wait);

        boolean CancelIoEx(Pointer file, Pointer overlapped);

        Pointer CreateEventW(Pointer securityAttributes, boolean manualReset, boolean initialState, WString name);

        Pointer OpenProcess(int desiredAccess, boolean inheritHandle, int processId);

        boolean CloseHandle(Pointer handle);

        Pointer LocalFree(Pointer memory);

        Pointer CreateFileW(WString name, int desiredAccess, int shareMode, Pointer securityAttributes,
                int creationDisposition, int flagsAndAttributes, Pointer templateFile);

        boolean WaitNamedPipeW(WString name, int timeoutMillis);
    }

    public interface Advapi32 extends StdCallLibrary {
        int SDDL_REVISION_1 = 1;

        boolean ConvertStringSecurityDescriptorToSecurityDescriptorW(WString sddl, int revision,
                PointerByReference securityDescriptor, IntByReference size);

        boolean OpenProcessToken(Pointer process, int desiredAccess, PointerByReference token);

        boolean GetTokenInformation(Pointer token, int infoClass, Pointer info, int length,
                IntByReference returnLength);

        boolean DuplicateToken(Pointer token, int impersonationLevel, PointerByReference duplicate);

        boolean ConvertStringSidToSidW(WString sid, PointerByReference psid);

        boolean ConvertSidToStringSidW(Pointer sid, PointerByReference stringSid);

        boolean CheckTokenMembership(Pointer token, Pointer sid, IntByReference isMember);

        /** Returns the error code itself; the owner SID points into the descriptor, which the caller frees. */
        int GetSecurityInfo(Pointer handle, int objectType, int securityInfo, PointerByReference owner,
                PointerByReference group, PointerByReference dacl, PointerByReference sacl,
                PointerByReference securityDescriptor);
    }
}
