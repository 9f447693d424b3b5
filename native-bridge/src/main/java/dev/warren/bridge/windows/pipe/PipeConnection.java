package dev.warren.bridge.windows.pipe;

import dev.warren.bridge.ipc.CallerIdentity;
import dev.warren.bridge.ipc.IpcConnection;
import dev.warren.bridge.windows.WindowsApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/** One connected pipe instance as an {@link IpcConnection}. */
final class PipeConnection implements IpcConnection {

    private final NamedPipeApi api;
    private final long pipe;
    private final CallerIdentity caller;
    private final InputStream in = new PipeInput();
    private final OutputStream out = new PipeOutput();
    private volatile boolean closed;

    PipeConnection(NamedPipeApi api, long pipe, CallerIdentity caller) {
        this.api = api;
        this.pipe = pipe;
        this.caller = caller;
    }

    @Override
    public InputStream in() {
        return in;
    }

    @Override
    public OutputStream out() {
        return out;
    }

    @Override
    public CallerIdentity caller() {
        return caller;
    }

    /**
     * Cancels pending I/O first, so that a reader blocked on another thread returns -1 instead of hanging, then closes
     * the handle. No {@code DisconnectNamedPipe}: it would discard what the client has not read yet (such as a last
     * "manager stopping" notification), whereas after a plain close the client reads it and then sees the pipe end.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        api.cancelIo(pipe);
        api.close(pipe);
    }

    private final class PipeInput extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            if (closed) {
                return -1;
            }
            try {
                return api.read(pipe, b, off, len);
            } catch (WindowsApiException e) {
                if (closed) {
                    return -1;
                }
                throw e;
            }
        }

        @Override
        public void close() {
            PipeConnection.this.close();
        }
    }

    /** Unbuffered: every write reaches the pipe, so flush has nothing to do (FlushFileBuffers would wait for the client). */
    private final class PipeOutput extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (closed) {
                throw new IOException("IPC connection to " + caller.process() + " is closed");
            }
            api.write(pipe, b, off, len);
        }

        @Override
        public void close() {
            PipeConnection.this.close();
        }
    }
}
