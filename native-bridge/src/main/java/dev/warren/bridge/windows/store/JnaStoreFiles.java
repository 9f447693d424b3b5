package dev.warren.bridge.windows.store;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.win32.StdCallLibrary;
import dev.warren.bridge.windows.WindowsApiException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@link StoreFiles} on the real kernel32/advapi32. */
public final class JnaStoreFiles implements StoreFiles {

    static final int MOVEFILE_REPLACE_EXISTING = 0x1;
    static final int MOVEFILE_WRITE_THROUGH = 0x8;
    static final int ERROR_ALREADY_EXISTS = 183;
    static final int OWNER_GROUP_DACL_PROTECTED = 0x1 | 0x2 | 0x4 | 0x80000000;
    private static final int SECURITY_ATTRIBUTES_SIZE = 24;

    public interface Kernel32 extends StdCallLibrary {
        boolean MoveFileExW(WString existingFileName, WString newFileName, int flags);

        boolean CreateDirectoryW(WString path, Pointer securityAttributes);

        Pointer LocalFree(Pointer memory);
    }

    public interface Advapi32 extends StdCallLibrary {
        boolean ConvertStringSecurityDescriptorToSecurityDescriptorW(WString sddl, int revision,
                PointerByReference securityDescriptor, IntByReference size);

        boolean SetFileSecurityW(WString fileName, int securityInformation, Pointer securityDescriptor);
    }

    private final Kernel32 kernel32;
    private final Advapi32 advapi32;

    public JnaStoreFiles(Kernel32 kernel32, Advapi32 advapi32) {
        this.kernel32 = kernel32;
        this.advapi32 = advapi32;
    }

    public static JnaStoreFiles load() {
        return new JnaStoreFiles(Native.load("kernel32", Kernel32.class), Native.load("advapi32", Advapi32.class));
    }

    @Override
    public void secureDirectory(Path directory, String sddl) throws WindowsApiException {
        PointerByReference sd = new PointerByReference();
        if (!advapi32.ConvertStringSecurityDescriptorToSecurityDescriptorW(new WString(sddl), 1, sd, null)) {
            throw new WindowsApiException("ConvertStringSecurityDescriptorToSecurityDescriptorW", Native.getLastError(),
                    sddl);
        }
        try {
            Memory attributes = new Memory(SECURITY_ATTRIBUTES_SIZE);
            attributes.clear();
            attributes.setInt(0, SECURITY_ATTRIBUTES_SIZE);
            attributes.setPointer(8, sd.getValue());
            WString path = new WString(directory.toString());
            if (!kernel32.CreateDirectoryW(path, attributes)) {
                int error = Native.getLastError();
                if (error != ERROR_ALREADY_EXISTS || !Files.isDirectory(directory)) {
                    throw new WindowsApiException("CreateDirectoryW", error, directory.toString());
                }
                if (!advapi32.SetFileSecurityW(path, OWNER_GROUP_DACL_PROTECTED, sd.getValue())) {
                    throw new WindowsApiException("SetFileSecurityW", Native.getLastError(), directory.toString());
                }
            }
        } finally {
            kernel32.LocalFree(sd.getValue());
        }
    }

    @Override
    public void move(Path source, Path target, boolean replaceExisting) throws WindowsApiException {
        int flags = MOVEFILE_WRITE_THROUGH | (replaceExisting ? MOVEFILE_REPLACE_EXISTING : 0);
        if (!kernel32.MoveFileExW(new WString(source.toString()), new WString(target.toString()), flags)) {
            throw new WindowsApiException("MoveFileExW", Native.getLastError(), source + " -> " + target);
        }
    }
}
