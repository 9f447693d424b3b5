package dev.warren.bridge.windows.pipe;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import dev.warren.bridge.windows.WindowsApiException;

/** {@link NamedPipeApi} on the real kernel32/advapi32, with overlapped I/O waited on per call. */
public final class JnaNamedPipeApi implements NamedPipeApi {

    /** {@code SECURITY_ATTRIBUTES} on x64: DWORD nLength, (pad), LPVOID descriptor, BOOL inherit = 24 bytes. */
    private static final int SECURITY_ATTRIBUTES_SIZE = 24;

    private final PipeLibraries.Kernel32 kernel32;
    private final PipeLibraries.Advapi32 advapi32;

    public JnaNamedPipeApi(PipeLibraries.Kernel32 kernel32, PipeLibraries.Advapi32 advapi32) {
        this.kernel32 = kernel32;
        this.advapi32 = advapi32;
    }

    public static JnaNamedPipeApi load() {
        return new JnaNamedPipeApi(Native.load("kernel32", PipeLibraries.Kernel32.class),
                Native.load("advapi32", PipeLibraries.Advapi32.class));
    }

    private static Pointer p(long handle) {
        return new Pointer(handle);
    }

    @Override
    public long createNamedPipe(String name, int openMode, int pipeMode, int maxInstances, int outBufferSize,
            int inBufferSize, String sddl) throws WindowsApiException {
        PointerByReference descriptor = new PointerByReference();
        if (!advapi32.ConvertStringSecurityDescriptorToSecurityDescriptorW(new WString(sddl),
                PipeLibraries.Advapi32.SDDL_REVISION_1, descriptor, null)) {
            throw new WindowsApiException("ConvertStringSecurityDescriptorToSecurityDescriptorW", Native.getLastError(),
                    sddl);
        }
        try {
            Memory attributes = new Memory(SECURITY_ATTRIBUTES_SIZE);
            attributes.clear();
            attributes.setInt(0, SECURITY_ATTRIBUTES_SIZE);
            attributes.setPointer(8, descriptor.getValue());
            Pointer pipe = kernel32.CreateNamedPipeW(new WString(name), openMode, pipeMode, maxInstances,
                    outBufferSize, inBufferSize, 0, attributes);
            if (pipe == null || pipe.equals(PipeLibraries.Kernel32.INVALID_HANDLE_VALUE)) {
                throw new WindowsApiException("CreateNamedPipeW", Native.getLastError(), name);
            }
            return Pointer.nativeValue(pipe);
        } finally {
            kernel32.LocalFree(descriptor.getValue());
        }
    }

    /** One overlapped operation: its own event and OVERLAPPED, alive until the operation completed. */
    private final class Operation implements AutoCloseable {
        final WinBase.OVERLAPPED overlapped = new WinBase.OVERLAPPED();
        final Pointer event;

        Operation(String function) throws WindowsApiException {
            event = kernel32.CreateEventW(null, true, false, null);
            if (event == null) {
                throw new WindowsApiException("CreateEventW", Native.getLastError(), function);
            }
            overlapped.hEvent = new WinNT.HANDLE(event);
            overlapped.write();
        }

        /** Completes a call that returned FALSE: waits if it is pending, else throws its error. */
        int await(long pipe, String function) throws WindowsApiException {
            int error = Native.getLastError();
            if (error != WindowsApiException.ERROR_IO_PENDING) {
                throw new WindowsApiException(function, error);
            }
            IntByReference transferred = new IntByReference();
            if (!kernel32.GetOverlappedResult(p(pipe), overlapped.getPointer(), transferred, true)) {
                throw new WindowsApiException(function, Native.getLastError());
            }
            return transferred.getValue();
        }

        @Override
        public void close() {
            kernel32.CloseHandle(event);
        }
    }

    @Override
    public void connectNamedPipe(long pipe) throws WindowsApiException {
        try (Operation op = new Operation("ConnectNamedPipe")) {
            if (!kernel32.ConnectNamedPipe(p(pipe), op.overlapped.getPointer())) {
                if (Native.getLastError() == WindowsApiException.ERROR_PIPE_CONNECTED) {
                    return;
                }
                op.await(pipe, "ConnectNamedPipe");
            }
        }
    }

    @Override
    public int clientProcessId(long pipe) throws WindowsApiException {
        IntByReference pid = new IntByReference();
        if (!kernel32.GetNamedPipeClientProcessId(p(pipe), pid)) {
            throw new WindowsApiException("GetNamedPipeClientProcessId", Native.getLastError());
        }
        return pid.getValue();
    }

    @Override
    public int read(long pipe, byte[] buffer, int offset, int length) throws WindowsApiException {
        Memory nativeBuffer = new Memory(length);
        try (Operation op = new Operation("ReadFile")) {
            IntByReference n = new IntByReference();
            int count;
            if (kernel32.ReadFile(p(pipe), nativeBuffer, length, n, op.overlapped.getPointer())) {
                count = n.getValue();
            } else {
                try {
                    count = op.await(pipe, "ReadFile");
                } catch (WindowsApiException e) {
                    if (e.code() == WindowsApiException.ERROR_BROKEN_PIPE) {
                        return -1;
                    }
                    throw e;
                }
            }
            nativeBuffer.read(0, buffer, offset, count);
            return count;
        }
    }

    @Override
    public void write(long pipe, byte[] buffer, int offset, int length) throws WindowsApiException {
        Memory nativeBuffer = new Memory(Math.max(1, length));
        nativeBuffer.write(0, buffer, offset, length);
        int done = 0;
        while (done < length) {
            try (Operation op = new Operation("WriteFile")) {
                IntByReference n = new IntByReference();
                int count = kernel32.WriteFile(p(pipe), nativeBuffer.share(done), length - done, n,
                        op.overlapped.getPointer()) ? n.getValue() : op.await(pipe, "WriteFile");
                done += count;
            }
        }
    }

    @Override
    public void cancelIo(long pipe) {
        kernel32.CancelIoEx(p(pipe), null);
    }

    @Override
    public long openClient(String name) throws WindowsApiException {
        Pointer pipe = kernel32.CreateFileW(new WString(name), PipeSecurity.CLIENT_ACCESS, 0, null, OPEN_EXISTING,
                FILE_FLAG_OVERLAPPED | SECURITY_SQOS_PRESENT | SECURITY_IDENTIFICATION, null);
        if (pipe == null || pipe.equals(PipeLibraries.Kernel32.INVALID_HANDLE_VALUE)) {
            throw new WindowsApiException("CreateFileW", Native.getLastError(), name);
        }
        return Pointer.nativeValue(pipe);
    }

    @Override
    public int serverSessionId(long pipe) throws WindowsApiException {
        IntByReference session = new IntByReference();
        if (!kernel32.GetNamedPipeServerSessionId(p(pipe), session)) {
            throw new WindowsApiException("GetNamedPipeServerSessionId", Native.getLastError());
        }
        return session.getValue();
    }

    @Override
    public void waitForInstance(String name, int timeoutMillis) throws WindowsApiException {
        if (!kernel32.WaitNamedPipeW(new WString(name), timeoutMillis)) {
            throw new WindowsApiException("WaitNamedPipeW", Native.getLastError(), name);
        }
    }

    /** {@code SE_KERNEL_OBJECT}, {@code OWNER_SECURITY_INFORMATION}. */
    static final int SE_KERNEL_OBJECT = 6;
    static final int OWNER_SECURITY_INFORMATION = 1;

    @Override
    public String ownerSid(long pipe) throws WindowsApiException {
        PointerByReference owner = new PointerByReference();
        PointerByReference descriptor = new PointerByReference();
        int status = advapi32.GetSecurityInfo(p(pipe), SE_KERNEL_OBJECT, OWNER_SECURITY_INFORMATION, owner, null,
                null, null, descriptor);
        if (status != 0) {
            throw new WindowsApiException("GetSecurityInfo", status, "owner of the pipe");
        }
        try {
            PointerByReference text = new PointerByReference();
            if (!advapi32.ConvertSidToStringSidW(owner.getValue(), text)) {
                throw new WindowsApiException("ConvertSidToStringSidW", Native.getLastError());
            }
            try {
                return text.getValue().getWideString(0);
            } finally {
                kernel32.LocalFree(text.getValue());
            }
        } finally {
            kernel32.LocalFree(descriptor.getValue());
        }
    }

    @Override
    public void disconnect(long pipe) {
        kernel32.DisconnectNamedPipe(p(pipe));
    }

    @Override
    public void close(long pipe) {
        kernel32.CloseHandle(p(pipe));
    }
}
