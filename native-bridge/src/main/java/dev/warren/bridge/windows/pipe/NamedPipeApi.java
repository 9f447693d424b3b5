package dev.warren.bridge.windows.pipe;

import dev.warren.bridge.windows.WindowsApiException;

/**
 * The named-pipe calls of the manager's IPC server, one method per Win32 function (I/O is overlapped inside the
 * real implementation so that one thread can write while another is blocked reading the same handle, which a
 * synchronous pipe handle would serialise). Handles are raw {@code HANDLE} values. {@link JnaNamedPipeApi} is the
 * real thing; the test sources hold a recording fake.
 */
public interface NamedPipeApi {

    int PIPE_ACCESS_DUPLEX = 0x00000003;
    int FILE_FLAG_FIRST_PIPE_INSTANCE = 0x00080000;
    int FILE_FLAG_OVERLAPPED = 0x40000000;
    int PIPE_TYPE_BYTE = 0x00000000;
    int PIPE_READMODE_BYTE = 0x00000000;
    int PIPE_WAIT = 0x00000000;
    int PIPE_REJECT_REMOTE_CLIENTS = 0x00000008;
    int PIPE_UNLIMITED_INSTANCES = 255;
    int OPEN_EXISTING = 3;
    /** With {@link #SECURITY_IDENTIFICATION}: the server may learn who the client is, never act as it. */
    int SECURITY_SQOS_PRESENT = 0x00100000;
    int SECURITY_IDENTIFICATION = 0x00010000;

    /**
     * {@code ConvertStringSecurityDescriptorToSecurityDescriptorW(sddl)} + {@code CreateNamedPipeW(name, openMode,
     * pipeMode, maxInstances, outBufferSize, inBufferSize, 0, {descriptor})} + {@code LocalFree(descriptor)}.
     */
    long createNamedPipe(String name, int openMode, int pipeMode, int maxInstances, int outBufferSize,
            int inBufferSize, String sddl) throws WindowsApiException;

    /** {@code ConnectNamedPipe}, waiting for completion; a client that connected first is success. */
    void connectNamedPipe(long pipe) throws WindowsApiException;

    /** {@code GetNamedPipeClientProcessId}. */
    int clientProcessId(long pipe) throws WindowsApiException;

    /** {@code ReadFile}, waiting for completion: bytes read, or -1 when the client closed its end. */
    int read(long pipe, byte[] buffer, int offset, int length) throws WindowsApiException;

    /** {@code WriteFile} until every byte is written. */
    void write(long pipe, byte[] buffer, int offset, int length) throws WindowsApiException;

    /** {@code CancelIoEx(pipe, NULL)}: pending connects, reads and writes on the handle fail with ERROR_OPERATION_ABORTED. */
    void cancelIo(long pipe);

    /** {@code DisconnectNamedPipe}. */
    void disconnect(long pipe);

    /** {@code CloseHandle}. */
    void close(long pipe);

    /**
     * {@code CreateFileW(name, PipeSecurity.CLIENT_ACCESS, 0, NULL, OPEN_EXISTING, FILE_FLAG_OVERLAPPED |
     * SECURITY_SQOS_PRESENT | SECURITY_IDENTIFICATION, NULL)}: the client end of a pipe, overlapped like the server's.
     */
    long openClient(String name) throws WindowsApiException;

    /** {@code GetNamedPipeServerSessionId}: the session of the process serving the instance this client end reached. */
    int serverSessionId(long pipe) throws WindowsApiException;

    /** {@code WaitNamedPipeW}: waits up to {@code timeoutMillis} for a free instance of a busy pipe. */
    void waitForInstance(String name, int timeoutMillis) throws WindowsApiException;

    /**
     * {@code GetSecurityInfo(pipe, SE_KERNEL_OBJECT, OWNER_SECURITY_INFORMATION)} + {@code ConvertSidToStringSidW}:
     * the owner of the pipe, which only a process as privileged as the manager can have made LocalSystem.
     */
    String ownerSid(long pipe) throws WindowsApiException;
}
