package dev.warren.app.testing;

import dev.warren.core.config.Key;

/** Valid wg-quick configs with fresh keys, for tests. */
public final class Configs {
    private Configs() {
    }

    /** A tunnel with one peer; {@code address} like {@code 10.1.0.2/24}, {@code allowed} like {@code 10.1.0.0/24}. */
    public static String tunnel(String address, String allowed) {
        return "[Interface]\n"
                + "# keys made for this test\n"
                + "PrivateKey = " + Key.generatePrivate().toBase64() + "\n"
                + "Address = " + address + "\n"
                + "\n"
                + "[Peer]\n"
                + "PublicKey = " + Key.generatePrivate().publicKey().toBase64() + "\n"
                + "PresharedKey = " + Key.generatePreshared().toBase64() + "\n"
                + "AllowedIPs = " + allowed + "\n"
                + "Endpoint = 127.0.0.1:51820\n";
    }
}
