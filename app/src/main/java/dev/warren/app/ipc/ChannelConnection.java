package dev.warren.app.ipc;

import dev.warren.bridge.ipc.CallerIdentity;
import dev.warren.bridge.ipc.IpcConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;

/**
 * A Unix domain socket as an {@link IpcConnection}, on either end: the JDK's socket streams let one thread read while
 * another writes, and closing the channel ends a blocked read.
 */
final class ChannelConnection implements IpcConnection {
    private final SocketChannel channel;
    private final CallerIdentity peer;
    private final InputStream in;
    private final OutputStream out;

    /** @param peer who is on the other end: the client's identity on the server, the manager on a client */
    ChannelConnection(SocketChannel channel, CallerIdentity peer) {
        this.channel = channel;
        this.peer = peer;
        this.in = Channels.newInputStream(channel);
        this.out = Channels.newOutputStream(channel);
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
        return peer;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
