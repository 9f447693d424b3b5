package dev.warren.core.spi;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A layer-3 tunnel interface: the device reads the IP packets the OS routes into the tunnel and writes the
 * decrypted packets the peers send back. Implementations: Linux {@code /dev/net/tun}, Windows Wintun, and an
 * in-memory pair in tunnel-core's test sources.
 *
 * <p>Buffers belong to the caller so that the hot path can reuse one direct buffer per worker and allocate
 * nothing per packet.
 */
public interface TunDevice extends Closeable {

    /** The interface name the OS knows the device by (e.g. {@code wg0}). */
    String name();

    /** The interface MTU in bytes, as currently configured on the OS side. */
    int mtu() throws IOException;

    /**
     * Blocks until one IP packet is available and copies it into {@code dst} from its position; on return the
     * position is advanced past the packet.
     *
     * @return the packet length, or -1 once the device is closed
     */
    int read(ByteBuffer dst) throws IOException;

    /** Writes one IP packet: the bytes from {@code src}'s position to its limit. */
    void write(ByteBuffer src) throws IOException;

    /** Closes the device; a blocked {@link #read} returns -1. Idempotent. */
    @Override
    void close() throws IOException;
}
