package dev.warren.bridge.windows.store;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.WinCrypt.DATA_BLOB;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.win32.StdCallLibrary;
import dev.warren.bridge.windows.WindowsApiException;
import java.util.Arrays;

/** {@link Dpapi} on the real {@code crypt32.dll}; the native copies of plaintext are zeroed before they are freed. */
public final class JnaDpapi implements Dpapi {

    /** {@code crypt32.dll} (the description is always {@code LPCWSTR}: no A/W variants) and kernel32's LocalFree. */
    public interface Crypt32 extends StdCallLibrary {
        boolean CryptProtectData(DATA_BLOB in, WString description, DATA_BLOB entropy, Pointer reserved,
                Pointer prompt, int flags, DATA_BLOB out);

        boolean CryptUnprotectData(DATA_BLOB in, PointerByReference description, DATA_BLOB entropy, Pointer reserved,
                Pointer prompt, int flags, DATA_BLOB out);
    }

    /** {@code kernel32.dll}'s LocalFree, which releases what crypt32 allocates. */
    public interface LocalMemory extends StdCallLibrary {
        Pointer LocalFree(Pointer memory);
    }

    private final Crypt32 crypt32;
    private final LocalMemory kernel32;

    public JnaDpapi(Crypt32 crypt32, LocalMemory kernel32) {
        this.crypt32 = crypt32;
        this.kernel32 = kernel32;
    }

    public static JnaDpapi load() {
        return new JnaDpapi(Native.load("crypt32", Crypt32.class), Native.load("kernel32", LocalMemory.class));
    }

    private static DATA_BLOB blob(Memory m, int length) {
        DATA_BLOB b = new DATA_BLOB();
        b.cbData = length;
        b.pbData = m;
        return b;
    }

    @Override
    public byte[] protect(byte[] plaintext, String description, int flags) throws WindowsApiException {
        Memory in = new Memory(Math.max(1, plaintext.length));
        in.write(0, plaintext, 0, plaintext.length);
        DATA_BLOB out = new DATA_BLOB();
        try {
            if (!crypt32.CryptProtectData(blob(in, plaintext.length), new WString(description), null, null, null,
                    flags, out)) {
                throw new WindowsApiException("CryptProtectData", Native.getLastError());
            }
            try {
                return out.pbData.getByteArray(0, out.cbData);
            } finally {
                kernel32.LocalFree(out.pbData);
            }
        } finally {
            in.clear();
        }
    }

    @Override
    public Unprotected unprotect(byte[] blob, int flags) throws WindowsApiException {
        Memory in = new Memory(Math.max(1, blob.length));
        in.write(0, blob, 0, blob.length);
        DATA_BLOB out = new DATA_BLOB();
        PointerByReference description = new PointerByReference();
        if (!crypt32.CryptUnprotectData(blob(in, blob.length), description, null, null, null, flags, out)) {
            throw new WindowsApiException("CryptUnprotectData", Native.getLastError());
        }
        try {
            String d = description.getValue() == null ? "" : description.getValue().getWideString(0);
            return new Unprotected(out.pbData.getByteArray(0, out.cbData), d);
        } finally {
            byte[] zeros = new byte[out.cbData];
            out.pbData.write(0, zeros, 0, zeros.length);
            kernel32.LocalFree(out.pbData);
            if (description.getValue() != null) {
                kernel32.LocalFree(description.getValue());
            }
            Arrays.fill(zeros, (byte) 0);
        }
    }
}
