package dev.warren.app.ipc;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Grants the admin group read/write on the socket with a POSIX access ACL, next to the operator group that owns
 * it: a file has one owning group, but both groups must be able to connect. Written as the kernel's
 * {@code system.posix_acl_access} extended attribute (what {@code setfacl} writes), so no acl package is needed.
 */
final class SocketAcl {

    private interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        int setxattr(String path, String name, byte[] value, long size, int flags);
    }

    private static final int VERSION = 2;
    private static final short USER_OBJ = 0x01;
    private static final short GROUP_OBJ = 0x04;
    private static final short GROUP = 0x08;
    private static final short MASK = 0x10;
    private static final short OTHER = 0x20;
    private static final short RW = 6;
    private static final int UNDEFINED_ID = -1;

    private SocketAcl() {
    }

    /** Sets {@code user::rw, group::rw, group:<gid>:rw, mask::rw, other::---} on {@code file}. */
    static void grantGroup(Path file, int gid) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 + 5 * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(VERSION);
        // Entries sorted by tag, as the kernel requires.
        entry(b, USER_OBJ, RW, UNDEFINED_ID);
        entry(b, GROUP_OBJ, RW, UNDEFINED_ID);
        entry(b, GROUP, RW, gid);
        entry(b, MASK, RW, UNDEFINED_ID);
        entry(b, OTHER, (short) 0, UNDEFINED_ID);
        byte[] value = b.array();
        if (LibC.INSTANCE.setxattr(file.toString(), "system.posix_acl_access", value, value.length, 0) != 0) {
            throw new IOException("setting an ACL on " + file + " failed (errno " + Native.getLastError() + ")");
        }
    }

    private static void entry(ByteBuffer b, short tag, short perm, int id) {
        b.putShort(tag).putShort(perm).putInt(id);
    }
}
