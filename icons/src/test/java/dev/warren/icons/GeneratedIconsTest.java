package dev.warren.icons;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Checks what the build rendered, read from the classpath exactly as the app and the packages read it. */
class GeneratedIconsTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @ParameterizedTest
    @EnumSource(WarrenIcon.class)
    void everySizeIsRenderedSquareAndFillsItsCanvas(WarrenIcon icon) throws IOException {
        assertNotNull(GeneratedIconsTest.class.getClassLoader().getResource(icon.svgResource()), icon.svgResource());
        for (int size : WarrenIcon.PNG_SIZES) {
            BufferedImage image = png(icon.pngResource(size));
            assertEquals(size, image.getWidth(), icon.pngResource(size) + " width");
            assertEquals(size, image.getHeight(), icon.pngResource(size) + " height");
            // Every icon is a tile covering most of its canvas; a blank or mis-scaled render covers little of it.
            double opaque = opaqueFraction(image);
            assertTrue(opaque > 0.6, icon.pngResource(size) + " is only " + Math.round(opaque * 100) + "% opaque");
        }
    }

    @Test
    void trayStatesAreDistinguishableAtTheSmallestTraySize() throws IOException {
        for (WarrenIcon a : WarrenIcon.values()) {
            for (WarrenIcon b : WarrenIcon.values()) {
                if (a.ordinal() < b.ordinal()) {
                    BufferedImage left = png(a.pngResource(16));
                    BufferedImage right = png(b.pngResource(16));
                    assertTrue(differingPixels(left, right) > 16, a + " and " + b + " look the same at 16 px");
                }
            }
        }
    }

    @Test
    void windowsIconHoldsEverySizeAndEachMatchesItsPng() throws IOException {
        ByteBuffer ico = ByteBuffer.wrap(resource(WarrenIcon.WINDOWS_ICO)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0, ico.getShort(0), "ICONDIR reserved");
        assertEquals(1, ico.getShort(2), "ICONDIR type (1 = icon)");
        assertEquals(WarrenIcon.ICO_SIZES.size(), ico.getShort(4), "ICONDIR image count");
        for (int i = 0; i < WarrenIcon.ICO_SIZES.size(); i++) {
            int entry = 6 + 16 * i;
            int size = WarrenIcon.ICO_SIZES.get(i);
            assertEquals(size, Byte.toUnsignedInt(ico.get(entry)) == 0 ? 256 : Byte.toUnsignedInt(ico.get(entry)),
                    "entry " + i + " width");
            assertEquals(ico.get(entry), ico.get(entry + 1), "entry " + i + " is square");
            assertEquals(32, ico.getShort(entry + 6), "entry " + i + " bits per pixel");
            int length = ico.getInt(entry + 8);
            int offset = ico.getInt(entry + 12);
            assertTrue(offset >= 6 + 16 * WarrenIcon.ICO_SIZES.size() && offset + length <= ico.capacity(),
                    "entry " + i + " data lies inside the file");
            byte[] data = Arrays.copyOfRange(ico.array(), offset, offset + length);
            BufferedImage image = Arrays.equals(data, 0, PNG_SIGNATURE.length, PNG_SIGNATURE, 0, PNG_SIGNATURE.length)
                    ? ImageIO.read(new ByteArrayInputStream(data))
                    : dib(data, size);
            BufferedImage expected = png(WarrenIcon.APP.pngResource(size));
            assertEquals(0, differingPixels(expected, image), "ico entry " + size + " differs from its PNG");
        }
    }

    @Test
    void bestPngSizeRoundsUpToARenderedSize() {
        assertEquals(16, WarrenIcon.bestPngSize(1));
        assertEquals(22, WarrenIcon.bestPngSize(22));
        assertEquals(24, WarrenIcon.bestPngSize(23));
        assertEquals(512, WarrenIcon.bestPngSize(4096));
    }

    @Test
    void unrenderedSizeIsRefusedWithTheSizesThatExist() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WarrenIcon.TRAY_ACTIVE.pngResource(17));
        assertTrue(e.getMessage().contains("17") && e.getMessage().contains("22"), e.getMessage());
    }

    /** Decodes an icon DIB: 40-byte header, bottom-up BGRA rows, then the AND mask, which must agree with alpha. */
    private static BufferedImage dib(byte[] data, int size) {
        ByteBuffer dib = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int maskRow = ((size + 31) / 32) * 4;
        assertEquals(40, dib.getInt(0), "BITMAPINFOHEADER size");
        assertEquals(size, dib.getInt(4), "DIB width");
        assertEquals(2 * size, dib.getInt(8), "DIB height counts image and mask");
        assertEquals(32, dib.getShort(14), "DIB bits per pixel");
        assertEquals(40 + size * size * 4 + maskRow * size, data.length, "DIB length");
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        for (int row = 0; row < size; row++) {
            for (int x = 0; x < size; x++) {
                int argb = dib.getInt(40 + (row * size + x) * 4);
                int y = size - 1 - row;
                image.setRGB(x, y, argb);
                boolean masked = (data[40 + size * size * 4 + row * maskRow + x / 8] & (0x80 >>> (x % 8))) != 0;
                assertEquals(argb >>> 24 == 0, masked, "AND mask at " + x + "," + y + " of the " + size + " px DIB");
            }
        }
        return image;
    }

    private static BufferedImage png(String resource) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(resource(resource)));
        assertNotNull(image, resource + " is not a PNG");
        return image;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = GeneratedIconsTest.class.getClassLoader().getResourceAsStream(name)) {
            assertNotNull(in, name + " is not on the classpath");
            return in.readAllBytes();
        }
    }

    private static double opaqueFraction(BufferedImage image) {
        int opaque = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (image.getRGB(x, y) >>> 24 >= 0x80) {
                    opaque++;
                }
            }
        }
        return (double) opaque / (image.getWidth() * image.getHeight());
    }

    private static int differingPixels(BufferedImage a, BufferedImage b) {
        assertArrayEquals(new int[] {a.getWidth(), a.getHeight()}, new int[] {b.getWidth(), b.getHeight()});
        int differing = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    differing++;
                }
            }
        }
        return differing;
    }
}
