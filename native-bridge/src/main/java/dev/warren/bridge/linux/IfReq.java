package dev.warren.bridge.linux;

import com.sun.jna.NativeLong;
import com.sun.jna.Structure;
import com.sun.jna.Union;

import java.nio.charset.StandardCharsets;

/**
 * {@code struct ifreq} from {@code <net/if.h>}: a 16-byte interface name followed by a union whose largest
 * member ({@code struct ifmap}) makes it 24 bytes on 64-bit Linux, 40 bytes in all. Used for TUNSETIFF and the
 * SIOCxIFxxx ioctls; only the members those need are named.
 */
@Structure.FieldOrder({"ifr_name", "ifr_ifru"})
public final class IfReq extends Structure {

    /** IFNAMSIZ: the name including its terminating NUL. */
    public static final int IFNAMSIZ = 16;

    public byte[] ifr_name = new byte[IFNAMSIZ];
    public Ifru ifr_ifru = new Ifru();

    static final int SIZE = new IfReq().size();
    static final int IFRU_OFFSET = new IfReq().fieldOffset("ifr_ifru");

    /** The request union; {@code ifru_map} is there for its size. */
    @Structure.FieldOrder({"ifru_flags", "ifru_ivalue", "ifru_map"})
    public static final class Ifru extends Union {
        public short ifru_flags;
        public int ifru_ivalue;
        public IfMap ifru_map;
    }

    @Structure.FieldOrder({"mem_start", "mem_end", "base_addr", "irq", "dma", "port"})
    public static final class IfMap extends Structure {
        public NativeLong mem_start;
        public NativeLong mem_end;
        public short base_addr;
        public byte irq;
        public byte dma;
        public byte port;
    }

    /** A request naming {@code name}, with a zeroed union. */
    static IfReq named(String name) {
        IfReq r = new IfReq();
        byte[] raw = checkName(name).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(raw, 0, r.ifr_name, 0, raw.length);
        return r;
    }

    static IfReq withFlags(String name, short flags) {
        IfReq r = named(name);
        r.ifr_ifru.setType(short.class);
        r.ifr_ifru.ifru_flags = flags;
        return r;
    }

    static IfReq withInt(String name, int value) {
        IfReq r = named(name);
        r.ifr_ifru.setType(int.class);
        r.ifr_ifru.ifru_ivalue = value;
        return r;
    }

    /** The name the kernel wrote back (TUNSETIFF fills in the chosen name for patterns like {@code tun%d}). */
    String name() {
        int n = 0;
        while (n < IFNAMSIZ && ifr_name[n] != 0) {
            n++;
        }
        return new String(ifr_name, 0, n, StandardCharsets.US_ASCII);
    }

    /**
     * Linux interface names: 1-15 bytes, no '/', ':', whitespace or NUL (the kernel's dev_valid_name), and not
     * "." or "..". Checked here so a bad name fails with a message instead of an opaque EINVAL.
     */
    static String checkName(String name) {
        if (name == null || name.isEmpty() || name.length() >= IFNAMSIZ || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("interface name must be 1-" + (IFNAMSIZ - 1)
                    + " characters, not '" + name + "'");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c > '~' || c == '/' || c == ':') {
                throw new IllegalArgumentException("interface name '" + name
                        + "' may contain printable ASCII except '/', ':' and spaces");
            }
        }
        return name;
    }
}
