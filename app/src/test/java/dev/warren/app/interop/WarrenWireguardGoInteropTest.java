package dev.warren.app.interop;

import dev.warren.app.interop.Lab.Impl;

/** The interop suite against Debian's wireguard-go: the implementation nobody here wrote. */
class WarrenWireguardGoInteropTest extends InteropSuite {
    WarrenWireguardGoInteropTest() {
        super(Impl.WIREGUARD_GO, "wireguard-go");
    }
}
