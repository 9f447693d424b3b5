package dev.warren.app.manager;

import dev.warren.bridge.killswitch.KillSwitchSetting;
import dev.warren.core.config.ConfigError;
import dev.warren.core.config.ParseResult;
import dev.warren.core.config.TunnelConfig;
import dev.warren.core.config.TunnelName;
import dev.warren.core.config.WgQuickParser;
import java.util.List;
import java.util.Optional;

/**
 * A tunnel as the store holds it: the text (kept as written, so comments survive) and what it parses to. An
 * invalid file dropped into the store is kept with its errors, so it is listed and can be fixed, not lost.
 */
record StoredTunnel(TunnelName name, String text, ParseResult parsed) {

    static StoredTunnel parse(TunnelName name, String text) {
        String file = name.value() + ".conf";
        return new StoredTunnel(name, text, KillSwitchSetting.check(file, text, WgQuickParser.parse(file, text)));
    }

    /**
     * A file's bytes as found in the store: the parser reads them (it reports bad encoding with its position);
     * the text kept for display and editing is {@link ConfigText#decode}d.
     */
    static StoredTunnel parse(TunnelName name, byte[] bytes) {
        String file = name.value() + ".conf";
        String text = ConfigText.decode(bytes);
        return new StoredTunnel(name, text, KillSwitchSetting.check(file, text, WgQuickParser.parse(file, bytes)));
    }

    /** The kill-switch setting of a valid config. */
    Optional<KillSwitchSetting> killSwitch() {
        return config().map(c -> KillSwitchSetting.read(text, c));
    }

    Optional<TunnelConfig> config() {
        return parsed instanceof ParseResult.Valid v ? Optional.of(v.config()) : Optional.empty();
    }

    List<ConfigError> errors() {
        return parsed.errors();
    }
}
