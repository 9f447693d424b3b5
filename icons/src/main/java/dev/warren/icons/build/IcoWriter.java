package dev.warren.icons.build;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Writes a Windows .ico file: an ICONDIR header, one 16-byte directory entry per image, then the images.
 *
 * <p>Images below 256 px are stored as 32-bit BGRA DIBs with an AND mask, which every Windows version and every
 * resource compiler reads; the 256 px image is stored as PNG, the form Windows Vista introduced for that size
 * (a 256 px DIB would be 256 KiB for no gain).
 */
final class IcoWriter {

    private static final int ICONDIR_BYTES = 6;
    private static final int ENTRY_BYTES = 16;
    private static final int BITMAPINFOHEADER_BYTES = 40;
    private static final int PNG_FROM_SIZE = 256;
    private static final int MAX_SIZE = 256;

    private IcoWriter() {
    }

    /** The complete .ico for square ARGB {@code images}, in the order given. */
    static byte[] write(List<BufferedImage> images) {
        List<byte[]> encoded = new ArrayList<>(images.size());
        for (BufferedImage image : images) {
            int size = image.getWidth();
            if (size != image.getHeight() || size < 1 || size > MAX_SIZE) {
                throw new IllegalArgumentException("an .ico image must be square and 1..256 px, not "
                        + image.getWidth() + "x" + image.getHeight());
            }
            encoded.add(size >= PNG_FROM_SIZE ? png(image) : dib(image));
        }
        int total = ICONDIR_BYTES + ENTRY_BYTES * images.size()
                + encoded.stream().mapToInt(bytes -> bytes.length).sum();
        ByteBuffer out = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        out.putShort((short) 0);             // reserved
        out.putShort((short) 1);             // type: icon (2 would be cursor)
        out.putShort((short) images.size());
        int offset = ICONDIR_BYTES + ENTRY_BYTES * images.size();
        for (int i = 0; i < images.size(); i++) {
            int size = images.get(i).getWidth();
            out.put((byte) (size == MAX_SIZE ? 0 : size)); // width; 0 means 256
            out.put((byte) (size == MAX_SIZE ? 0 : size)); // height
            out.put((byte) 0);                              // palette size: none
            out.put((byte) 0);                              // reserved
            out.putShort((short) 1);                        // colour planes
            out.putShort((short) 32);                       // bits per pixel
            out.putInt(encoded.get(i).length);
            out.putInt(offset);
            offset += encoded.get(i).length;
        }
        encoded.forEach(out::put);
        return out.array();
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", bytes)) {
                throw new IllegalStateException("no PNG writer in this JDK");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A BITMAPINFOHEADER, bottom-up BGRA rows, then the 1-bit AND mask (1 = transparent), rows padded to 4 bytes. */
    private static byte[] dib(BufferedImage image) {
        int size = image.getWidth();
        int maskRowBytes = ((size + 31) / 32) * 4;
        int pixelBytes = size * size * 4;
        int maskBytes = maskRowBytes * size;
        ByteBuffer out = ByteBuffer.allocate(BITMAPINFOHEADER_BYTES + pixelBytes + maskBytes)
                .order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(BITMAPINFOHEADER_BYTES);
        out.putInt(size);
        out.putInt(size * 2);     // an icon DIB counts the XOR image and the AND mask together
        out.putShort((short) 1);  // planes
        out.putShort((short) 32); // bits per pixel
        out.putInt(0);            // BI_RGB: uncompressed
        out.putInt(pixelBytes + maskBytes);
        out.putInt(0);            // horizontal resolution: unspecified
        out.putInt(0);            // vertical resolution: unspecified
        out.putInt(0);            // colours used: no palette
        out.putInt(0);            // important colours: all
        for (int y = size - 1; y >= 0; y--) {
            for (int x = 0; x < size; x++) {
                out.putInt(image.getRGB(x, y)); // ARGB as a little-endian int is B, G, R, A in memory
            }
        }
        byte[] maskRow = new byte[maskRowBytes];
        for (int y = size - 1; y >= 0; y--) {
            Arrays.fill(maskRow, (byte) 0);
            for (int x = 0; x < size; x++) {
                if (image.getRGB(x, y) >>> 24 == 0) {
                    maskRow[x / 8] |= (byte) (0x80 >>> (x % 8));
                }
            }
            out.put(maskRow);
        }
        return out.array();
    }
}
