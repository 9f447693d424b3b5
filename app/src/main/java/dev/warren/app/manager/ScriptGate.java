package dev.warren.app.manager;

import dev.warren.core.config.InterfaceConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * PreUp/PostUp/PreDown/PostDown run arbitrary commands as root, so the manager runs them only when started with
 * {@code --allow-scripts} (as WireGuard for Windows requires a registry opt-in); otherwise a tunnel that has them
 * does not start at all rather than start without them, since the scripts may be what makes it safe.
 */
final class ScriptGate {
    private ScriptGate() {
    }

    /** The script keys a config uses, in wg-quick order. */
    static List<String> scriptKeys(InterfaceConfig c) {
        List<String> keys = new ArrayList<>();
        if (!c.preUp().isEmpty()) {
            keys.add("PreUp");
        }
        if (!c.postUp().isEmpty()) {
            keys.add("PostUp");
        }
        if (!c.preDown().isEmpty()) {
            keys.add("PreDown");
        }
        if (!c.postDown().isEmpty()) {
            keys.add("PostDown");
        }
        return keys;
    }

    static void check(String tunnel, InterfaceConfig c, boolean allowScripts) throws TunnelException {
        List<String> keys = scriptKeys(c);
        if (!keys.isEmpty() && !allowScripts) {
            throw new TunnelException("tunnel '" + tunnel + "' has " + String.join(", ", keys)
                    + " scripts, which this manager does not run: remove them from the config, or restart the "
                    + "manager with --allow-scripts to allow scripts in every tunnel");
        }
    }
}
