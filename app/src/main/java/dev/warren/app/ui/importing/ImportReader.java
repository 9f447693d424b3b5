package dev.warren.app.ui.importing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;

/**
 * Reads what the user chose to import — {@code .conf} files, {@code .zip} archives of them, pictures of QR codes,
 * pasted text — into named configs, without storing anything. Archives are read as untrusted: only the base
 * name of each {@code .conf} entry is used (no path from the archive is ever resolved, so "zip slip" has nothing
 * to write to), and every size is counted while inflating, not taken from headers, so a zip bomb stops at the
 * limits below. Does file I/O: never call it on the event dispatch thread.
 */
public final class ImportReader {

    /** Far above any real config (a few hundred peers); guards memory against a hostile file. */
    public static final int MAX_CONFIG_BYTES = 1 << 20;
    /** Total inflated bytes read from one archive. */
    public static final long MAX_ARCHIVE_BYTES = 64L << 20;
    /** Entries examined in one archive. */
    public static final int MAX_ARCHIVE_ENTRIES = 10_000;
    /** Pictures larger than this are not QR codes anyone photographed of a config. */
    private static final long MAX_IMAGE_BYTES = 32L << 20;

    private ImportReader() {
    }

    public static ImportBatch read(List<Path> files) {
        ImportBatch all = ImportBatch.of(List.of());
        for (Path f : files) {
            all = all.plus(read(f));
        }
        return all;
    }

    public static ImportBatch read(Path file) {
        String origin = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        String lower = origin.toLowerCase(Locale.ROOT);
        try {
            if (Files.isDirectory(file)) {
                return ImportBatch.failed(origin, "is a folder; choose the .conf or .zip files inside it");
            }
            if (lower.endsWith(".conf")) {
                if (Files.size(file) > MAX_CONFIG_BYTES) {
                    return ImportBatch.failed(origin, "is larger than " + MAX_CONFIG_BYTES / 1024 + " KiB, too large for a tunnel config");
                }
                return ImportBatch.of(List.of(new ImportCandidate(nameOf(origin), decode(Files.readAllBytes(file)), origin)));
            }
            if (lower.endsWith(".zip")) {
                try (InputStream in = Files.newInputStream(file)) {
                    return readZip(in, origin);
                }
            }
            if (lower.endsWith(".png") || lower.endsWith(".jpg") || lower.endsWith(".jpeg") || lower.endsWith(".gif")
                    || lower.endsWith(".bmp")) {
                return readQrImage(file, origin);
            }
            return ImportBatch.failed(origin, "is not a .conf file, a .zip of .conf files or a QR code picture");
        } catch (CharacterCodingException e) {
            return ImportBatch.failed(origin, "is not text (UTF-8 or UTF-16 expected)");
        } catch (IOException e) {
            return ImportBatch.failed(origin, "could not be read: " + e.getMessage());
        }
    }

    /** Every {@code .conf} in the archive; archives inside archives are not opened. */
    static ImportBatch readZip(InputStream raw, String origin) throws IOException {
        List<ImportCandidate> found = new ArrayList<>();
        List<ImportFailure> failed = new ArrayList<>();
        long total = 0;
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(raw)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (++entries > MAX_ARCHIVE_ENTRIES) {
                    failed.add(new ImportFailure(origin, "has more than " + MAX_ARCHIVE_ENTRIES + " entries; the rest were skipped"));
                    break;
                }
                String base = baseName(e.getName());
                if (e.isDirectory() || !base.toLowerCase(Locale.ROOT).endsWith(".conf") || base.startsWith("._")) {
                    continue;
                }
                String entryOrigin = origin + " › " + base;
                byte[] bytes = readAtMost(zip, MAX_CONFIG_BYTES);
                total += bytes.length;
                if (bytes.length > MAX_CONFIG_BYTES) {
                    failed.add(new ImportFailure(entryOrigin, "is larger than " + MAX_CONFIG_BYTES / 1024 + " KiB, too large for a tunnel config"));
                } else {
                    try {
                        found.add(new ImportCandidate(nameOf(base), decode(bytes), entryOrigin));
                    } catch (CharacterCodingException notText) {
                        failed.add(new ImportFailure(entryOrigin, "is not text (UTF-8 or UTF-16 expected)"));
                    }
                }
                if (total > MAX_ARCHIVE_BYTES) {
                    failed.add(new ImportFailure(origin, "inflates to more than " + (MAX_ARCHIVE_BYTES >> 20) + " MiB; the rest was skipped"));
                    break;
                }
            }
        } catch (ZipException e) {
            return new ImportBatch(found, List.of(new ImportFailure(origin, "is not a valid zip archive (" + e.getMessage() + ")")));
        }
        if (found.isEmpty() && failed.isEmpty()) {
            failed.add(new ImportFailure(origin, "contains no .conf files"));
        }
        return new ImportBatch(found, failed);
    }

    /** Pasted text: one config, named by the caller because text has no file name. */
    public static ImportCandidate pasted(String name, String text) {
        return new ImportCandidate(name, text, "clipboard");
    }

    public static ImportBatch readQrImage(BufferedImage image, String origin, String name) {
        return QrCode.decode(image)
                .map(text -> ImportBatch.of(List.of(new ImportCandidate(name, text, origin))))
                .orElseGet(() -> ImportBatch.failed(origin, "contains no readable QR code"));
    }

    private static ImportBatch readQrImage(Path file, String origin) throws IOException {
        if (Files.size(file) > MAX_IMAGE_BYTES) {
            return ImportBatch.failed(origin, "is too large for a QR code picture");
        }
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            return ImportBatch.failed(origin, "is not a picture this system can read");
        }
        return readQrImage(image, origin, nameOf(origin));
    }

    /** The tunnel name a file suggests: its base name without the extension. */
    public static String nameOf(String fileName) {
        String base = baseName(fileName);
        int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }

    private static String baseName(String entryName) {
        String n = entryName.replace('\\', '/');
        return n.substring(n.lastIndexOf('/') + 1);
    }

    /** Reads up to {@code limit + 1} bytes, so that the caller sees "more than the limit" without reading it all. */
    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while (out.size() <= limit && (n = in.read(buf, 0, Math.min(buf.length, limit + 1 - out.size()))) > 0) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    /** UTF-8 (with or without BOM) or UTF-16 with a BOM, as wg-quick files written on Windows often are. */
    static String decode(byte[] b) throws CharacterCodingException {
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
            return strict(b, 2, StandardCharsets.UTF_16BE);
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
            return strict(b, 2, StandardCharsets.UTF_16LE);
        }
        int skip = b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF ? 3 : 0;
        return strict(b, skip, StandardCharsets.UTF_8);
    }

    private static String strict(byte[] b, int offset, java.nio.charset.Charset cs) throws CharacterCodingException {
        return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(java.nio.ByteBuffer.wrap(b, offset, b.length - offset)).toString();
    }
}
