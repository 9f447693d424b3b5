package dev.warren.bridge.windows.dns;

import dev.warren.bridge.windows.WindowsApiException;

/** The registry writes Warren makes. {@link JnaRegistry} is the real thing; the test sources hold a recording fake. */
public interface Registry {

    /**
     * {@code RegCreateKeyExW(HKEY_LOCAL_MACHINE, subkey, ..., KEY_SET_VALUE)} + {@code RegSetValueExW(name, REG_SZ,
     * value)} + {@code RegCloseKey}.
     */
    void setLocalMachineString(String subkey, String name, String value) throws WindowsApiException;
}
