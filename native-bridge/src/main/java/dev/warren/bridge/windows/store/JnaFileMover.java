package dev.warren.bridge.windows.store;

import com.sun.jna.Native;
import com.sun.jna.WString;
import com.sun.jna.win32.StdCallLibrary;
import dev.warren.bridge.windows.WindowsApiException;
import java.nio.file.Path;

/** {@link FileMover} on the real {@code MoveFileExW}. */
public final class JnaFileMover implements FileMover {

    static final int MOVEFILE_REPLACE_EXISTING = 0x1;
    static final int MOVEFILE_WRITE_THROUGH = 0x8;

    public interface Kernel32 extends StdCallLibrary {
        boolean MoveFileExW(WString existingFileName, WString newFileName, int flags);
    }

    private final Kernel32 kernel32;

    public JnaFileMover(Kernel32 kernel32) {
        this.kernel32 = kernel32;
    }

    public static JnaFileMover load() {
        return new JnaFileMover(Native.load("kernel32", Kernel32.class));
    }

    @Override
    public void move(Path source, Path target, boolean replaceExisting) throws WindowsApiException {
        int flags = MOVEFILE_WRITE_THROUGH | (replaceExisting ? MOVEFILE_REPLACE_EXISTING : 0);
        if (!kernel32.MoveFileExW(new WString(source.toString()), new WString(target.toString()), flags)) {
            throw new WindowsApiException("MoveFileExW", Native.getLastError(), source + " -> " + target);
        }
    }
}
