package dev.warren.core.spi;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * The UDP side of a device: one socket (dual stack where the OS allows) on which every peer's handshake and
 * transport messages are sent and received. Implementations: {@code DatagramChannel}-based on Linux and
 * Windows, and an in-memory network in tunnel-core's test sources.
 */
public interface Bind extends Closeable {

    /**
     * Opens the socket on {@code port} (0 picks a free one) and returns the port actually bound. Calling it
     * again rebinds (as wireguard-go does when {@code listen_port} changes).
     */
    int open(int port) throws IOException;

    /** The bound port, or 0 when closed. */
    int port();

    /**
     * Blocks until one datagram arrives and copies it into {@code dst} from its position (the position is
     * advanced past it).
     *
     * @return the sender, or {@code null} once the bind is closed
     */
    InetSocketAddress receive(ByteBuffer dst) throws IOException;

    /** Sends the bytes from {@code src}'s position to its limit to {@code to}. */
    void send(ByteBuffer src, InetSocketAddress to) throws IOException;

    /** Sets the firewall mark of outgoing packets (Linux {@code SO_MARK}); 0 clears it. */
    void setFwmark(int mark) throws IOException;

    @Override
    void close() throws IOException;
}
