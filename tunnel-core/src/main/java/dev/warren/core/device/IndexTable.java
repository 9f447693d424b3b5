package dev.warren.core.device;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.locks.StampedLock;
import java.util.function.IntSupplier;

/**
 * The receiver indices of a device: each handshake and keypair gets a random 32-bit index that the peer puts in
 * every message to us, and this table maps it back. Indices are drawn from a {@link SecureRandom} so that they
 * reveal nothing and cannot be predicted, and never repeat an index currently in use.
 *
 * <p>The map is an open-addressing table of primitive {@code int} keys (linear probing, backward-shift deletion),
 * so the per-packet {@link #lookup} neither boxes nor allocates.
 *
 * <p><b>Concurrency.</b> Lookups run on every received packet, on many threads; register/remove happen once per
 * handshake. A {@link StampedLock} gives lookups an optimistic read: they probe without locking and then validate
 * that no writer intervened, falling back to a read lock only when one did. Writers take the write lock.
 *
 * @param <T> what an index stands for (a handshake or a keypair)
 */
public final class IndexTable<T> {

    private static final int INITIAL_CAPACITY = 64;

    private final StampedLock lock = new StampedLock();
    private final IntSupplier random;
    private int[] keys = new int[INITIAL_CAPACITY];
    /** The value of each slot, null for an empty slot. */
    private Object[] values = new Object[INITIAL_CAPACITY];
    private int size;

    /** A table drawing indices from a new {@link SecureRandom}. */
    public IndexTable() {
        this(new SecureRandom()::nextInt);
    }

    /** A table drawing candidate indices from {@code random}; tests use it to force collisions. */
    IndexTable(IntSupplier random) {
        this.random = random;
    }

    /** Stores {@code value} under a fresh random index not currently in use and returns that index. */
    public int register(T value) {
        Objects.requireNonNull(value, "value");
        while (true) {
            // Drawn outside the lock: the random source may be slow, the check-and-insert is not.
            int candidate = random.getAsInt();
            long stamp = lock.writeLock();
            try {
                if (slotOf(keys, values, candidate) < 0) {
                    insert(candidate, value);
                    return candidate;
                }
            } finally {
                lock.unlockWrite(stamp);
            }
        }
    }

    /** The value registered under {@code index}, or null. Allocation-free and, unless a writer intervenes, lock-free. */
    @SuppressWarnings("unchecked")
    public T lookup(int index) {
        long stamp = lock.tryOptimisticRead();
        if (stamp != 0) {
            int[] k = keys;
            Object[] v = values;
            // A racing resize may pair arrays of different sizes; validate() below discards such a read.
            if (k.length == v.length) {
                int slot = slotOf(k, v, index);
                Object found = slot < 0 ? null : v[slot];
                if (lock.validate(stamp)) {
                    return (T) found;
                }
            }
        }
        stamp = lock.readLock();
        try {
            int slot = slotOf(keys, values, index);
            return slot < 0 ? null : (T) values[slot];
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /**
     * Frees {@code index}; it may be handed out again later.
     *
     * @return true if it was registered
     */
    public boolean remove(int index) {
        long stamp = lock.writeLock();
        try {
            int slot = slotOf(keys, values, index);
            if (slot < 0) {
                return false;
            }
            deleteSlot(slot);
            // Shrink after a burst (e.g. a handshake flood) so the table does not stay large for good.
            if (keys.length > INITIAL_CAPACITY && size * 8 < keys.length) {
                rehash(keys.length / 2);
            }
            return true;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /**
     * Points an index already in use at {@code value} (a handshake's index becomes its keypair's).
     *
     * @return true if the index was registered and now maps to {@code value}, false if it was not registered
     */
    public boolean replace(int index, T value) {
        Objects.requireNonNull(value, "value");
        long stamp = lock.writeLock();
        try {
            int slot = slotOf(keys, values, index);
            if (slot < 0) {
                return false;
            }
            values[slot] = value;
            return true;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** How many indices are registered. */
    public int size() {
        long stamp = lock.readLock();
        try {
            return size;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /**
     * The slot holding {@code index}, or -1. Bounded by the capacity so that even a torn optimistic read of arrays
     * being rewritten terminates.
     */
    private static int slotOf(int[] k, Object[] v, int index) {
        int mask = k.length - 1;
        int slot = home(index, mask);
        for (int probes = 0; probes <= mask; probes++) {
            if (v[slot] == null) {
                return -1;
            }
            if (k[slot] == index) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    /**
     * Indices we hand out are random, but lookups take whatever a packet carries: mixing the bits keeps any
     * pattern an attacker picks from clustering in the table.
     */
    private static int home(int index, int mask) {
        int h = index * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }

    private void insert(int index, Object value) {
        if ((size + 1) * 2 > keys.length) {
            rehash(keys.length * 2);
        }
        int mask = keys.length - 1;
        int slot = home(index, mask);
        while (values[slot] != null) {
            slot = (slot + 1) & mask;
        }
        keys[slot] = index;
        values[slot] = value;
        size++;
    }

    private void rehash(int capacity) {
        int[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new int[capacity];
        values = new Object[capacity];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != null) {
                insert(oldKeys[i], oldValues[i]);
            }
        }
    }

    /** Empties {@code slot} and shifts later entries of the probe run back so no lookup stops short. */
    private void deleteSlot(int slot) {
        int mask = keys.length - 1;
        int hole = slot;
        int next = (hole + 1) & mask;
        while (values[next] != null) {
            int want = home(keys[next], mask);
            // Move the entry into the hole unless its home lies cyclically in (hole, next].
            boolean homeBetween = hole <= next ? (hole < want && want <= next) : (hole < want || want <= next);
            if (!homeBetween) {
                keys[hole] = keys[next];
                values[hole] = values[next];
                hole = next;
            }
            next = (next + 1) & mask;
        }
        values[hole] = null;
        size--;
    }
}
