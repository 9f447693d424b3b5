package dev.warren.bridge.windows.pipe;

import dev.warren.bridge.windows.CallLog;
import dev.warren.bridge.windows.WindowsApiException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Named pipes in memory: the test queues clients (a process id and the bytes they send); a connect on a pending
 * instance takes the next client; reads and writes go to that client; CancelIoEx aborts whatever is blocked.
 */
public final class RecordingNamedPipeApi implements NamedPipeApi {

    public static final class Client {
        final int pid;
        final Deque<Byte> toServer = new ArrayDeque<>();
        final ByteArrayOutputStream fromServer = new ByteArrayOutputStream();
        boolean hungUp;

        public Client(int pid, String sends) {
            this.pid = pid;
            for (byte b : sends.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                toServer.add(b);
            }
        }
    }

    public final CallLog log = new CallLog();
    final Deque<Client> waiting = new ArrayDeque<>();
    final Map<Long, Client> connected = new HashMap<>();
    final Map<Long, Boolean> cancelled = new HashMap<>();
    Integer failCreateWith;
    private long next = 0x900;

    public synchronized void connectClient(Client c) {
        waiting.add(c);
        notifyAll();
    }

    /** What the server has written to {@code c} so far. */
    public synchronized String receivedBy(Client c) {
        return c.fromServer.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    synchronized void send(Client c, String more) {
        for (byte b : more.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            c.toServer.add(b);
        }
        notifyAll();
    }

    @Override
    public synchronized long createNamedPipe(String name, int openMode, int pipeMode, int maxInstances,
            int outBufferSize, int inBufferSize, String sddl) throws WindowsApiException {
        log.add("CreateNamedPipeW", name, "0x" + Integer.toHexString(openMode), "0x" + Integer.toHexString(pipeMode),
                maxInstances, outBufferSize, inBufferSize, sddl);
        if (failCreateWith != null) {
            throw new WindowsApiException("CreateNamedPipeW", failCreateWith);
        }
        return next++;
    }

    @Override
    public synchronized void connectNamedPipe(long pipe) throws WindowsApiException {
        log.add("ConnectNamedPipe", pipe);
        while (waiting.isEmpty() && !cancelled.containsKey(pipe)) {
            await();
        }
        if (cancelled.remove(pipe) != null) {
            throw new WindowsApiException("ConnectNamedPipe", WindowsApiException.ERROR_OPERATION_ABORTED);
        }
        connected.put(pipe, waiting.poll());
    }

    private void await() {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized int clientProcessId(long pipe) {
        log.add("GetNamedPipeClientProcessId", pipe);
        return connected.get(pipe).pid;
    }

    @Override
    public synchronized int read(long pipe, byte[] buffer, int offset, int length) throws WindowsApiException {
        Client c = connected.get(pipe);
        while (c.toServer.isEmpty() && !c.hungUp && !cancelled.containsKey(pipe)) {
            await();
        }
        if (cancelled.containsKey(pipe)) {
            throw new WindowsApiException("ReadFile", WindowsApiException.ERROR_OPERATION_ABORTED);
        }
        if (c.toServer.isEmpty()) {
            return -1;
        }
        int n = 0;
        while (n < length && !c.toServer.isEmpty()) {
            buffer[offset + n++] = c.toServer.poll();
        }
        return n;
    }

    @Override
    public synchronized void write(long pipe, byte[] buffer, int offset, int length) {
        connected.get(pipe).fromServer.write(buffer, offset, length);
    }

    @Override
    public synchronized void cancelIo(long pipe) {
        log.add("CancelIoEx", pipe);
        cancelled.put(pipe, true);
        notifyAll();
    }

    @Override
    public synchronized void disconnect(long pipe) {
        log.add("DisconnectNamedPipe", pipe);
    }

    @Override
    public synchronized void close(long pipe) {
        log.add("CloseHandle", pipe);
    }

    /** What the client side sees: failures to return from CreateFileW in turn, then the pipe's owner and input. */
    public final Deque<Integer> openFailures = new ArrayDeque<>();
    public String owner = PipeSecurity.LOCAL_SYSTEM;
    /** The session of the process serving the instance a client end reaches; {@code null}: the call fails. */
    public Integer serverSession = 0;
    /** The server the client end talks to: what it sends and what it received. */
    public final Client server = new Client(0, "");

    @Override
    public synchronized long openClient(String name) throws WindowsApiException {
        log.add("CreateFileW", name, "0x" + Integer.toHexString(PipeSecurity.CLIENT_ACCESS), "OPEN_EXISTING",
                "FILE_FLAG_OVERLAPPED|SECURITY_SQOS_PRESENT|SECURITY_IDENTIFICATION");
        Integer failure = openFailures.poll();
        if (failure != null) {
            throw new WindowsApiException("CreateFileW", failure, name);
        }
        long handle = next++;
        connected.put(handle, server);
        return handle;
    }

    @Override
    public synchronized int serverSessionId(long pipe) throws WindowsApiException {
        log.add("GetNamedPipeServerSessionId", pipe);
        if (serverSession == null) {
            throw new WindowsApiException("GetNamedPipeServerSessionId", WindowsApiException.ERROR_ACCESS_DENIED);
        }
        return serverSession;
    }

    @Override
    public synchronized void waitForInstance(String name, int timeoutMillis) {
        log.add("WaitNamedPipeW", name, timeoutMillis);
    }

    @Override
    public synchronized String ownerSid(long pipe) {
        log.add("GetSecurityInfo", pipe, "SE_KERNEL_OBJECT", "OWNER_SECURITY_INFORMATION");
        return owner;
    }
}
