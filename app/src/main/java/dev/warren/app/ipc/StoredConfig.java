package dev.warren.app.ipc;

import java.util.Objects;

/**
 * A tunnel's stored wg-quick text as {@code tunnels.get} returns it.
 *
 * @param name     the tunnel name
 * @param text     the config text; for an operator with PrivateKey, PresharedKey and scripts removed
 * @param redacted true if something was removed because the caller is not an administrator
 */
public record StoredConfig(String name, String text, boolean redacted) {
    public StoredConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
    }
}
