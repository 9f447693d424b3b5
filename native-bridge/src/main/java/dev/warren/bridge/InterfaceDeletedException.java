package dev.warren.bridge;

import java.io.IOException;

/**
 * The tunnel interface was removed from outside (Linux {@code ip link del}, a Wintun adapter removed), so the
 * device can never carry another packet. Unlike a close by its owner (read returns -1), this tells the owner
 * to shut its tunnel down, as wireguard-go does when its interface disappears.
 */
public final class InterfaceDeletedException extends IOException {

    private static final long serialVersionUID = 1L;

    public InterfaceDeletedException(String interfaceName, String detail) {
        super("interface " + interfaceName + " was deleted (" + detail + ")");
    }
}
