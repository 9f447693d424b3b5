package dev.warren.app.manager;

import dev.warren.app.ipc.LogEntry;
import dev.warren.app.ipc.LogPage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * The manager's log: a bounded ring of fixed-size records in one file, so it never grows, survives restarts
 * (sequence numbers continue where they stopped) and can be read while it is written.
 *
 * <p>File layout: a 64-byte header (magic, version, capacity, record size), then {@code capacity} records of
 * {@value #RECORD_SIZE} bytes. Entry {@code seq} (from 1) lives in slot {@code (seq - 1) % capacity}. A record is
 * {@code seq:long, time:long, crc:int, sourceLen:byte, source:32 bytes, messageLen:short, message}; the CRC covers
 * everything but itself, so a record torn by a crash mid-write is skipped on reading instead of shown as garbage.
 * Writes go through the page cache without fsync: the log survives the manager being killed, and losing the last
 * lines on power loss is an acceptable price for not syncing on every line.
 *
 * <p>Every message passes through {@link KeyScrubber} before it is written.
 */
public final class RingLog implements AutoCloseable {
    public static final int DEFAULT_CAPACITY = 2048;
    static final int RECORD_SIZE = 512;
    static final int MAX_SOURCE_BYTES = 32;
    static final int MAX_MESSAGE_BYTES = RECORD_SIZE - 55;
    /** Most entries one read returns. */
    public static final int MAX_READ = 2048;

    private static final int HEADER_SIZE = 64;
    private static final long MAGIC = 0x5741_5252_4e4c_4f47L; // "WARRNLOG"
    private static final int VERSION = 1;

    private final FileChannel file;
    private final int capacity;
    private final Clock clock;
    private final List<Consumer<LogEntry>> listeners = new CopyOnWriteArrayList<>();
    private final ByteBuffer writeBuf = ByteBuffer.allocate(RECORD_SIZE);
    /** Sequence number of the next entry; guarded by {@code this}. */
    private long next;

    private RingLog(FileChannel file, int capacity, Clock clock, long next) {
        this.file = file;
        this.capacity = capacity;
        this.clock = clock;
        this.next = next;
    }

    /** Opens (or creates, mode 0600) the ring at {@code path} with {@link #DEFAULT_CAPACITY} entries. */
    public static RingLog open(Path path) throws IOException {
        return open(path, DEFAULT_CAPACITY, Clock.systemUTC());
    }

    /**
     * Opens the ring; an existing file with another capacity or a foreign header is rejected rather than
     * overwritten, so pointing {@code --log} at the wrong file destroys nothing.
     */
    public static RingLog open(Path path, int capacity, Clock clock) throws IOException {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, not " + capacity);
        }
        boolean fresh = !Files.exists(path);
        if (fresh) {
            Files.createDirectories(path.toAbsolutePath().getParent());
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            ByteBuffer header = ByteBuffer.allocate(HEADER_SIZE);
            if (fresh || ch.size() == 0) {
                header.putLong(MAGIC).putInt(VERSION).putInt(capacity).putInt(RECORD_SIZE).clear();
                ch.write(header, 0);
                ch.truncate(HEADER_SIZE + (long) capacity * RECORD_SIZE);
                ch.write(ByteBuffer.allocate(1), HEADER_SIZE + (long) capacity * RECORD_SIZE - 1);
                return new RingLog(ch, capacity, clock, 1);
            }
            ch.read(header, 0);
            header.flip();
            if (header.remaining() < 20 || header.getLong() != MAGIC || header.getInt() != VERSION) {
                throw new IOException(path + " is not a Warren log file; move it away or choose another --log");
            }
            int cap = header.getInt();
            int rec = header.getInt();
            if (cap != capacity || rec != RECORD_SIZE) {
                throw new IOException(path + " holds " + cap + " entries of " + rec + " bytes, expected " + capacity
                        + " of " + RECORD_SIZE + "; move it away or choose another --log");
            }
            RingLog log = new RingLog(ch, capacity, clock, 1);
            log.next = log.highestStoredSeq() + 1;
            return log;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Called with every entry after it is stored (e.g. to broadcast {@code log.appended}). */
    public void addListener(Consumer<LogEntry> listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    /**
     * Appends a line. The source is cut to 32 bytes, the message to what fits in a record (with '…'), and keys
     * are scrubbed from both. A failing disk never fails the caller: logging is not worth breaking a tunnel for.
     */
    public LogEntry append(String source, String message) {
        String src = truncate(KeyScrubber.scrub(source), MAX_SOURCE_BYTES);
        String msg = truncate(KeyScrubber.scrub(message.replace('\n', ' ')), MAX_MESSAGE_BYTES);
        LogEntry e;
        synchronized (this) {
            e = new LogEntry(next, clock.millis(), src, msg);
            encode(e, writeBuf);
            try {
                file.write(writeBuf, slotOffset(e.seq()));
            } catch (IOException ex) {
                System.err.println("warren: cannot write the log: " + ex.getMessage());
            }
            next++;
        }
        for (Consumer<LogEntry> l : listeners) {
            l.accept(e);
        }
        return e;
    }

    /**
     * Entries from sequence number {@code cursor} on, oldest first, at most {@code limit}; entries the ring has
     * already overwritten are skipped. A negative cursor reads the last {@code limit} entries.
     */
    public LogPage read(long cursor, int limit) throws IOException {
        if (limit < 1 || limit > MAX_READ) {
            throw new IllegalArgumentException("limit must be 1-" + MAX_READ + ", not " + limit);
        }
        long end;
        synchronized (this) {
            end = next;
        }
        long oldest = Math.max(1, end - capacity);
        long from = cursor < 0 ? Math.max(oldest, end - limit) : Math.max(oldest, cursor);
        List<LogEntry> out = new ArrayList<>();
        ByteBuffer buf = ByteBuffer.allocate(RECORD_SIZE);
        long seq = from;
        for (; seq < end && out.size() < limit; seq++) {
            buf.clear();
            file.read(buf, slotOffset(seq));
            buf.flip();
            LogEntry e = decode(buf);
            // A slot already reused by a newer entry (the ring moved on during the read) or torn: skip it.
            if (e != null && e.seq() == seq) {
                out.add(e);
            }
        }
        return new LogPage(out, Math.max(seq, cursor < 0 ? 0 : cursor));
    }

    /** Sequence number the next entry will get. */
    public synchronized long nextSeq() {
        return next;
    }

    private long highestStoredSeq() throws IOException {
        long max = 0;
        ByteBuffer buf = ByteBuffer.allocate(RECORD_SIZE);
        for (int slot = 0; slot < capacity; slot++) {
            buf.clear();
            file.read(buf, HEADER_SIZE + (long) slot * RECORD_SIZE);
            buf.flip();
            LogEntry e = decode(buf);
            if (e != null && (e.seq() - 1) % capacity == slot) {
                max = Math.max(max, e.seq());
            }
        }
        return max;
    }

    private long slotOffset(long seq) {
        return HEADER_SIZE + ((seq - 1) % capacity) * RECORD_SIZE;
    }

    private static void encode(LogEntry e, ByteBuffer b) {
        byte[] src = e.source().getBytes(StandardCharsets.UTF_8);
        byte[] msg = e.message().getBytes(StandardCharsets.UTF_8);
        b.clear();
        b.putLong(e.seq()).putLong(e.timeMillis()).putInt(0)
                .put((byte) src.length).put(src).position(53)
                .putShort((short) msg.length).put(msg);
        while (b.hasRemaining()) {
            b.put((byte) 0);
        }
        b.putInt(16, crc(b));
        b.clear();
    }

    private static LogEntry decode(ByteBuffer b) {
        if (b.remaining() < RECORD_SIZE) {
            return null;
        }
        long seq = b.getLong(0);
        if (seq <= 0 || b.getInt(16) != crc(b)) {
            return null;
        }
        int srcLen = b.get(20) & 0xff;
        int msgLen = b.getShort(53) & 0xffff;
        if (srcLen > MAX_SOURCE_BYTES || msgLen > MAX_MESSAGE_BYTES) {
            return null;
        }
        try {
            var dec = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
            String src = dec.decode(b.slice(21, srcLen)).toString();
            String msg = dec.reset().decode(b.slice(55, msgLen)).toString();
            return new LogEntry(seq, b.getLong(8), src, msg);
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static int crc(ByteBuffer b) {
        CRC32C c = new CRC32C();
        c.update(b.slice(0, 16));
        c.update(b.slice(20, RECORD_SIZE - 20));
        return (int) c.getValue();
    }

    /** Cuts {@code s} to at most {@code max} UTF-8 bytes at a character boundary, marking the cut with '…'. */
    static String truncate(String s, int max) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= max) {
            return s;
        }
        int budget = max - 3; // '…' is three bytes
        int end = 0;
        int used = 0;
        while (end < s.length()) {
            int cp = s.codePointAt(end);
            int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (used + len > budget) {
                break;
            }
            used += len;
            end += Character.charCount(cp);
        }
        return s.substring(0, end) + "…";
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
