package dev.warren.app.manager;

import dev.warren.core.config.TunnelName;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Zip files of tunnel configs ({@code NAME.conf} entries), as exported by the manager and imported by the CLI
 * and the GUI.
 *
 * <p>Reading is safe against hostile archives: entry names are only ever used to derive a tunnel name from their
 * last path component (never as a path to write to, so {@code ../../etc/x.conf} cannot escape anywhere), and
 * decompression is bounded per entry, in total and in entry count regardless of what the headers claim, so a
 * zip bomb stops with an error instead of filling memory.
 */
public final class TunnelArchive {
    /** Largest config accepted from an archive; real ones are a few kilobytes. */
    public static final int MAX_ENTRY_BYTES = 256 * 1024;
    /** Most bytes decompressed from one archive. */
    public static final long MAX_TOTAL_BYTES = 16L * 1024 * 1024;
    /** Most entries looked at in one archive. */
    public static final int MAX_ENTRIES = 1000;

    private static final String SUFFIX = ".conf";

    /**
     * One {@code .conf} entry of an archive: either its tunnel name and text, or why it cannot be imported.
     *
     * @param entry the entry's name as stored in the zip
     * @param name  the tunnel name derived from the file name, or null if it is not a valid name
     * @param text  the config text (UTF-8), or null with {@code error} set
     * @param error why the entry cannot be imported, or null
     */
    public record Entry(String entry, String name, String text, String error) {
    }

    private TunnelArchive() {
    }

    /** A zip with one {@code NAME.conf} per tunnel, in the given order. */
    public static byte[] write(Map<String, String> configsByName) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, String> e : configsByName.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey() + SUFFIX));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /**
     * Every {@code .conf} entry of a zip (directories and other files are skipped).
     *
     * @throws IOException the stream is not a zip, or it exceeds the total size or entry count limits
     */
    public static List<Entry> read(InputStream in) throws IOException {
        List<Entry> out = new ArrayList<>();
        long total = 0;
        int count = 0;
        try (ZipInputStream zip = new ZipInputStream(in, StandardCharsets.UTF_8)) {
            ZipEntry ze;
            while ((ze = zip.getNextEntry()) != null) {
                if (++count > MAX_ENTRIES) {
                    throw new IOException("the archive has more than " + MAX_ENTRIES + " entries");
                }
                String entryName = ze.getName();
                String base = entryName.substring(Math.max(entryName.lastIndexOf('/'), entryName.lastIndexOf('\\')) + 1);
                if (ze.isDirectory() || !base.toLowerCase(Locale.ROOT).endsWith(SUFFIX) || isMacMetadata(entryName, base)) {
                    continue;
                }
                String name = base.substring(0, base.length() - SUFFIX.length());
                String problem = TunnelName.problem(name);
                byte[] content = zip.readNBytes(MAX_ENTRY_BYTES + 1);
                total += content.length;
                if (content.length > MAX_ENTRY_BYTES) {
                    // The rest must be read to reach the next entry; it counts against the total, so a bomb
                    // entry stops here instead of inflating for as long as it likes.
                    total += drain(zip, MAX_TOTAL_BYTES - total + 1);
                }
                if (total > MAX_TOTAL_BYTES) {
                    throw new IOException("the archive unpacks to more than " + MAX_TOTAL_BYTES / (1024 * 1024) + " MiB");
                }
                if (problem != null) {
                    out.add(new Entry(entryName, null, null, "'" + name + "' is not a valid tunnel name: " + problem));
                } else if (content.length > MAX_ENTRY_BYTES) {
                    out.add(new Entry(entryName, name, null, "larger than " + MAX_ENTRY_BYTES / 1024
                            + " KiB, which no tunnel config is"));
                } else {
                    out.add(new Entry(entryName, name, new String(content, StandardCharsets.UTF_8), null));
                }
            }
        } catch (ZipException e) {
            throw new IOException("not a valid zip archive: " + e.getMessage(), e);
        }
        if (count == 0) {
            throw new IOException("not a zip archive, or an empty one");
        }
        return out;
    }

    /**
     * The Finder's AppleDouble companions ({@code __MACOSX/._NAME.conf}, or {@code ._NAME.conf} beside the file): they
     * hold resource forks, not configs, and every zip made on a Mac carries one per file.
     */
    private static boolean isMacMetadata(String entryName, String base) {
        return base.startsWith("._") || entryName.startsWith("__MACOSX/") || entryName.contains("/__MACOSX/");
    }

    /** Reads and discards up to {@code max} bytes of the current entry; returns how many there were. */
    private static long drain(InputStream in, long max) throws IOException {
        byte[] sink = new byte[64 * 1024];
        long n = 0;
        while (n < max) {
            int r = in.read(sink, 0, (int) Math.min(sink.length, max - n));
            if (r < 0) {
                break;
            }
            n += r;
        }
        return n;
    }
}
