package dev.warren.core.device;

import dev.warren.core.config.IpNetwork;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The cryptokey routing table: IPv4 and IPv6 prefixes mapped to a value (a peer), searched by longest prefix
 * match. Used for the outbound choice of peer by destination address and the inbound check of a decrypted
 * packet's source address.
 *
 * <p>Each family is a path-compressed binary trie, as in wireguard-go's allowedips.go: a node holds a prefix
 * (as two 64-bit halves, IPv4 in the top 32 bits of the first half) and a value or null for a pure branching
 * node; a child's prefix always extends its parent's.
 *
 * <p><b>Concurrency.</b> Lookups come from every packet thread; updates come rarely, from configuration. The
 * tries are persistent: nodes are immutable, an update copies only the path from the root to the change and
 * publishes the new root through a {@code volatile} field. A lookup therefore reads one volatile field and walks
 * immutable nodes: it never blocks, never retries and allocates nothing, and always sees one consistent version
 * of the table. Updates serialise on this object's monitor and allocate O(prefix length) nodes each.
 *
 * <p>Values are compared with {@link Object#equals}; a peer type that does not override it is compared by
 * identity, as wireguard-go compares peer pointers.
 *
 * @param <T> the value type, typically the peer
 */
public final class AllowedIps<T> {

    private volatile Node<T> root4;
    private volatile Node<T> root6;

    /** For each value, its prefixes in the order wg shows them: re-inserting a prefix moves it to the end. */
    private final Map<T, LinkedHashSet<IpNetwork>> entries = new HashMap<>();

    /**
     * Maps {@code net} (with its host bits cleared) to {@code value}, replacing whichever value held exactly that
     * prefix before.
     */
    public synchronized void insert(IpNetwork net, T value) {
        Objects.requireNonNull(value, "value");
        IpNetwork masked = net.masked();
        byte[] raw = masked.address().getAddress();
        long hi = high(raw);
        long lo = low(raw);
        int cidr = masked.prefixLength();
        Node<T> root = rootOf(raw);
        T old = exactValue(root, hi, lo, cidr);
        if (old != null) {
            forget(old, masked);
        }
        setRoot(raw, insert(root, hi, lo, cidr, value));
        entries.computeIfAbsent(value, v -> new LinkedHashSet<>()).add(masked);
    }

    /**
     * Removes the prefix {@code net} (host bits ignored) if it is mapped to {@code value}.
     *
     * @return true if it was, false if the prefix is absent or belongs to another value
     */
    public synchronized boolean remove(IpNetwork net, T value) {
        IpNetwork masked = net.masked();
        byte[] raw = masked.address().getAddress();
        long hi = high(raw);
        long lo = low(raw);
        int cidr = masked.prefixLength();
        Node<T> root = rootOf(raw);
        T old = exactValue(root, hi, lo, cidr);
        if (old == null || !old.equals(value)) {
            return false;
        }
        setRoot(raw, remove(root, hi, lo, cidr));
        forget(old, masked);
        return true;
    }

    /** Removes every prefix mapped to {@code value}. */
    public synchronized void removeAll(T value) {
        LinkedHashSet<IpNetwork> nets = entries.remove(value);
        if (nets == null) {
            return;
        }
        for (IpNetwork net : nets) {
            byte[] raw = net.address().getAddress();
            setRoot(raw, remove(rootOf(raw), high(raw), low(raw), net.prefixLength()));
        }
    }

    /** The prefixes mapped to {@code value}, masked, in insertion order (a re-inserted prefix counts as new). */
    public synchronized List<IpNetwork> entriesOf(T value) {
        LinkedHashSet<IpNetwork> nets = entries.get(value);
        return nets == null ? List.of() : List.copyOf(nets);
    }

    /** Removes every prefix of every value. */
    public synchronized void clear() {
        root4 = null;
        root6 = null;
        entries.clear();
    }

    /**
     * The value of the longest prefix containing the address stored big-endian (network order) at absolute
     * {@code offset} of {@code buf}, or null if no prefix matches. The address must lie below the buffer's limit;
     * its position and byte order are neither used nor changed. Allocates nothing and never blocks.
     *
     * @param addrLen 4 for an IPv4 address, 16 for IPv6
     */
    public T lookup(ByteBuffer buf, int offset, int addrLen) {
        boolean little = buf.order() == ByteOrder.LITTLE_ENDIAN;
        if (addrLen == 4) {
            int v = buf.getInt(offset);
            return lookup(root4, (long) (little ? Integer.reverseBytes(v) : v) << 32, 0, 32);
        }
        if (addrLen == 16) {
            long hi = buf.getLong(offset);
            long lo = buf.getLong(offset + 8);
            if (little) {
                hi = Long.reverseBytes(hi);
                lo = Long.reverseBytes(lo);
            }
            return lookup(root6, hi, lo, 128);
        }
        throw new IllegalArgumentException("an address has 4 (IPv4) or 16 (IPv6) bytes, not " + addrLen);
    }

    /** The value of the longest prefix containing {@code address}, or null. */
    public T lookup(InetAddress address) {
        byte[] raw = address.getAddress();
        return raw.length == 4
                ? lookup(root4, high(raw), 0, 32)
                : lookup(root6, high(raw), low(raw), 128);
    }

    private static <T> T lookup(Node<T> node, long hi, long lo, int maxBits) {
        T found = null;
        while (node != null && node.matches(hi, lo)) {
            if (node.value != null) {
                found = node.value;
            }
            if (node.cidr == maxBits) {
                break;
            }
            node = bit(hi, lo, node.cidr) == 0 ? node.zero : node.one;
        }
        return found;
    }

    private static <T> T exactValue(Node<T> node, long hi, long lo, int cidr) {
        while (node != null && node.cidr <= cidr && node.matches(hi, lo)) {
            if (node.cidr == cidr) {
                return node.value;
            }
            node = bit(hi, lo, node.cidr) == 0 ? node.zero : node.one;
        }
        return null;
    }

    private static <T> Node<T> insert(Node<T> node, long hi, long lo, int cidr, T value) {
        if (node == null) {
            return new Node<>(hi, lo, cidr, value, null, null);
        }
        int common = Math.min(commonBits(node.hi, node.lo, hi, lo), Math.min(node.cidr, cidr));
        if (common == node.cidr && common == cidr) {
            return new Node<>(node.hi, node.lo, cidr, value, node.zero, node.one);
        }
        if (common == node.cidr) {
            return bit(hi, lo, common) == 0
                    ? node.withChildren(insert(node.zero, hi, lo, cidr, value), node.one)
                    : node.withChildren(node.zero, insert(node.one, hi, lo, cidr, value));
        }
        if (common == cidr) {
            return bit(node.hi, node.lo, common) == 0
                    ? new Node<>(hi, lo, cidr, value, node, null)
                    : new Node<>(hi, lo, cidr, value, null, node);
        }
        Node<T> leaf = new Node<>(hi, lo, cidr, value, null, null);
        return bit(hi, lo, common) == 0
                ? new Node<>(hi, lo, common, null, leaf, node)
                : new Node<>(hi, lo, common, null, node, leaf);
    }

    /** Removes the exact prefix (known to be present) and drops branching nodes left with fewer than two children. */
    private static <T> Node<T> remove(Node<T> node, long hi, long lo, int cidr) {
        Node<T> result;
        if (node.cidr == cidr) {
            result = node.withValue(null);
        } else if (bit(hi, lo, node.cidr) == 0) {
            result = node.withChildren(remove(node.zero, hi, lo, cidr), node.one);
        } else {
            result = node.withChildren(node.zero, remove(node.one, hi, lo, cidr));
        }
        if (result.value != null) {
            return result;
        }
        if (result.zero == null) {
            return result.one;
        }
        return result.one == null ? result.zero : result;
    }

    private void forget(T value, IpNetwork masked) {
        LinkedHashSet<IpNetwork> nets = entries.get(value);
        nets.remove(masked);
        if (nets.isEmpty()) {
            entries.remove(value);
        }
    }

    private Node<T> rootOf(byte[] raw) {
        return raw.length == 4 ? root4 : root6;
    }

    private void setRoot(byte[] raw, Node<T> root) {
        if (raw.length == 4) {
            root4 = root;
        } else {
            root6 = root;
        }
    }

    /** The first 64 address bits; IPv4 sits in the top 32 so that a /n IPv4 prefix is a node of cidr n. */
    private static long high(byte[] raw) {
        long v = 0;
        for (int i = 0; i < Math.min(8, raw.length); i++) {
            v = v << 8 | (raw[i] & 0xff);
        }
        return raw.length == 4 ? v << 32 : v;
    }

    private static long low(byte[] raw) {
        long v = 0;
        for (int i = 8; i < raw.length; i++) {
            v = v << 8 | (raw[i] & 0xff);
        }
        return v;
    }

    private static int bit(long hi, long lo, int index) {
        return (int) (index < 64 ? hi >>> (63 - index) : lo >>> (127 - index)) & 1;
    }

    private static int commonBits(long hi1, long lo1, long hi2, long lo2) {
        long x = hi1 ^ hi2;
        return x != 0 ? Long.numberOfLeadingZeros(x) : 64 + Long.numberOfLeadingZeros(lo1 ^ lo2);
    }

    private static long maskOf(int bits) {
        return bits <= 0 ? 0 : bits >= 64 ? -1L : -1L << (64 - bits);
    }

    /** An immutable trie node; {@code hi}/{@code lo} hold the prefix with every bit past {@code cidr} cleared. */
    private static final class Node<T> {
        final long hi;
        final long lo;
        final long maskHi;
        final long maskLo;
        final int cidr;
        final T value;
        final Node<T> zero;
        final Node<T> one;

        Node(long hi, long lo, int cidr, T value, Node<T> zero, Node<T> one) {
            this.maskHi = maskOf(cidr);
            this.maskLo = maskOf(cidr - 64);
            this.hi = hi & maskHi;
            this.lo = lo & maskLo;
            this.cidr = cidr;
            this.value = value;
            this.zero = zero;
            this.one = one;
        }

        boolean matches(long h, long l) {
            return (((h ^ hi) & maskHi) | ((l ^ lo) & maskLo)) == 0;
        }

        Node<T> withChildren(Node<T> z, Node<T> o) {
            return new Node<>(hi, lo, cidr, value, z, o);
        }

        Node<T> withValue(T v) {
            return new Node<>(hi, lo, cidr, v, zero, one);
        }
    }
}
