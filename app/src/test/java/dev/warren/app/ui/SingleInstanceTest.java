package dev.warren.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SingleInstanceTest {

    @TempDir
    Path dir;

    @Test
    void aSecondLaunchRaisesTheFirstInsteadOfStarting() throws Exception {
        Path socket = dir.resolve("gui.sock");
        CountDownLatch raised = new CountDownLatch(2);
        Optional<SingleInstance> first = SingleInstance.claim(socket, raised::countDown);
        assertTrue(first.isPresent());
        try (SingleInstance _ = first.get()) {
            assertEquals(Optional.empty(), SingleInstance.claim(socket, () -> { }));
            assertEquals(Optional.empty(), SingleInstance.claim(socket, () -> { }));
            assertTrue(raised.await(5, TimeUnit.SECONDS), "the running instance was asked to raise twice");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
        }
        assertTrue(Files.notExists(socket), "closing removes the socket");
    }

    @Test
    void aSocketLeftByACrashedInstanceIsTakenOver() throws IOException {
        Path socket = dir.resolve("gui.sock");
        // Bound and closed without unlinking: what a killed process leaves behind.
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(socket));
        }
        assertTrue(Files.exists(socket));
        Optional<SingleInstance> claimed = SingleInstance.claim(socket, () -> { });
        assertTrue(claimed.isPresent(), "nobody answers on the stale socket, so this launch becomes the instance");
        claimed.get().close();
    }
}
