package dev.warren.bridge.windows.dns;

import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinReg;
import dev.warren.bridge.windows.WindowsApiException;

/** {@link Registry} on jna-platform's {@code advapi32} mapping (the W functions). */
public final class JnaRegistry implements Registry {

    private final Advapi32 advapi32;

    public JnaRegistry(Advapi32 advapi32) {
        this.advapi32 = advapi32;
    }

    public static JnaRegistry load() {
        return new JnaRegistry(Advapi32.INSTANCE);
    }

    @Override
    public void setLocalMachineString(String subkey, String name, String value) throws WindowsApiException {
        WinReg.HKEYByReference key = new WinReg.HKEYByReference();
        int status = advapi32.RegCreateKeyEx(WinReg.HKEY_LOCAL_MACHINE, subkey, 0, null, WinNT.REG_OPTION_NON_VOLATILE,
                WinNT.KEY_SET_VALUE, null, key, null);
        if (status != 0) {
            throw new WindowsApiException("RegCreateKeyExW", status, "HKLM\\" + subkey);
        }
        try {
            char[] data = (value + "\0").toCharArray();
            status = advapi32.RegSetValueEx(key.getValue(), name, 0, WinNT.REG_SZ, data, data.length * 2);
            if (status != 0) {
                throw new WindowsApiException("RegSetValueExW", status, "HKLM\\" + subkey + "\\" + name);
            }
        } finally {
            advapi32.RegCloseKey(key.getValue());
        }
    }
}
