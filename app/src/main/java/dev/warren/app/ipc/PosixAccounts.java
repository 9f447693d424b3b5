package dev.warren.app.ipc;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The system's user and group database through libc (so NSS sources such as LDAP or sssd count as well as
 * /etc/passwd and /etc/group).
 *
 * <p>libc's getpwnam/getgrnam return static storage, so every call is serialised on this class.
 */
final class PosixAccounts {

    private interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        Pointer getpwnam(String name);

        Pointer getgrnam(String name);

        int getgrouplist(String user, int group, int[] groups, IntByReference ngroups);
    }

    @Structure.FieldOrder({"pw_name", "pw_passwd", "pw_uid", "pw_gid", "pw_gecos", "pw_dir", "pw_shell"})
    public static final class Passwd extends Structure {
        public String pw_name;
        public String pw_passwd;
        public int pw_uid;
        public int pw_gid;
        public String pw_gecos;
        public String pw_dir;
        public String pw_shell;

        Passwd(Pointer p) {
            super(p);
            read();
        }
    }

    @Structure.FieldOrder({"gr_name", "gr_passwd", "gr_gid", "gr_mem"})
    public static final class Group extends Structure {
        public String gr_name;
        public String gr_passwd;
        public int gr_gid;
        public Pointer gr_mem;

        Group(Pointer p) {
            super(p);
            read();
        }
    }

    /** A user's numeric ids, as the account database has them. */
    record Account(int uid, int gid) {
    }

    private PosixAccounts() {
    }

    static synchronized Optional<Account> user(String name) {
        Pointer p = LibC.INSTANCE.getpwnam(name);
        if (p == null) {
            return Optional.empty();
        }
        Passwd pw = new Passwd(p);
        return Optional.of(new Account(pw.pw_uid, pw.pw_gid));
    }

    static synchronized OptionalInt groupId(String name) {
        Pointer p = LibC.INSTANCE.getgrnam(name);
        return p == null ? OptionalInt.empty() : OptionalInt.of(new Group(p).gr_gid);
    }

    /** Every group {@code user} belongs to by the account database, including {@code primaryGid}. */
    static synchronized Set<Integer> groupsOf(String user, int primaryGid) {
        int[] groups = new int[64];
        IntByReference n = new IntByReference(groups.length);
        if (LibC.INSTANCE.getgrouplist(user, primaryGid, groups, n) < 0) {
            // Too small: n now holds the size needed.
            groups = new int[n.getValue()];
            n.setValue(groups.length);
            LibC.INSTANCE.getgrouplist(user, primaryGid, groups, n);
        }
        return Arrays.stream(groups, 0, Math.min(n.getValue(), groups.length)).boxed().collect(Collectors.toSet());
    }
}
