package dev.warren.core.uapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UapiSocketServerTest {

    @TempDir
    Path dir;

    private static String exchange(Path socket, String request, int replyBytes) throws IOException {
        try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            c.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
            InputStream in = Channels.newInputStream(c);
            return new String(in.readNBytes(replyBytes), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void servesConnectionsOnAnOwnerOnlySocketAndRemovesItOnClose() throws IOException {
        Path sock = dir.resolve("sub/wg9.sock");
        FakeUapiBackend backend = new FakeUapiBackend();
        try (UapiSocketServer server = UapiSocketServer.start(sock, backend)) {
            assertEquals(sock.toAbsolutePath(), server.path());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(sock)));
            try (var files = Files.list(sock.getParent())) {
                assertEquals(1, files.count(), "the staging directory is gone");
            }
            assertEquals("errno=0\n\n", exchange(sock, "set=1\nlisten_port=4242\n\n", 9));
            String get = "listen_port=4242\nerrno=0\n\n";
            assertEquals(get, exchange(sock, "get=1\n\n", get.length()));
            assertThrows(IOException.class, () -> UapiSocketServer.start(sock, backend), "a live socket is not taken over");
        }
        assertFalse(Files.exists(sock));
    }

    @Test
    void replacesAStaleSocketOfADeadProcess() throws IOException {
        Path sock = dir.resolve("wg8.sock");
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(sock));
        }
        assertTrue(Files.exists(sock), "closing a bound socket leaves its file behind, like a crashed process");
        try (UapiSocketServer server = UapiSocketServer.start(sock, new FakeUapiBackend())) {
            assertEquals("errno=0\n\n", exchange(sock, "get=1\n\n", 9));
        }
    }
}
