package dev.warren.app.userspace;

import dev.warren.bridge.InterfaceDeletedException;
import dev.warren.core.spi.TunDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * A TUN device that tells its owner when the interface was deleted from outside ({@code ip link del}, which is
 * how {@code wg-quick down} stops a userspace implementation): the device's reader only logs the failed read,
 * while the daemon must then shut down, as wireguard-go does.
 */
final class DeletionAwareTun implements TunDevice {

    private final TunDevice tun;
    private final Consumer<InterfaceDeletedException> onDeleted;

    DeletionAwareTun(TunDevice tun, Consumer<InterfaceDeletedException> onDeleted) {
        this.tun = tun;
        this.onDeleted = onDeleted;
    }

    @Override
    public String name() {
        return tun.name();
    }

    @Override
    public int mtu() throws IOException {
        return tun.mtu();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        try {
            return tun.read(dst);
        } catch (InterfaceDeletedException e) {
            onDeleted.accept(e);
            throw e;
        }
    }

    @Override
    public void write(ByteBuffer src) throws IOException {
        try {
            tun.write(src);
        } catch (InterfaceDeletedException e) {
            onDeleted.accept(e);
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        tun.close();
    }
}
