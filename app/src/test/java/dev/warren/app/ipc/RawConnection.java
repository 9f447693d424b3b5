package dev.warren.app.ipc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A bare socket to the manager that sends arbitrary bytes, for testing what the server does with bad input. */
final class RawConnection implements AutoCloseable {
    final SocketChannel channel;
    final BufferedReader in;

    RawConnection(Path socket) throws IOException {
        channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
    }

    void send(byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    void sendLine(String line) throws IOException {
        send((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The next line from the server, skipping notifications. */
    String readReply() throws IOException {
        while (true) {
            String line = in.readLine();
            if (line == null || !line.contains("\"method\"")) {
                return line;
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
