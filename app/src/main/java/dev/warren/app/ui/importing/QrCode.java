package dev.warren.app.ui.importing;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.ReaderException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.Optional;

/**
 * QR codes of tunnel configs, the way WireGuard's mobile apps exchange them: encoding for "Export as QR code" and
 * decoding a picture of one on import.
 */
public final class QrCode {

    private QrCode() {
    }

    /** A black-on-white QR code of the text, each module {@code scale} pixels, with the standard quiet zone. */
    public static BufferedImage encode(String text, int scale) {
        BitMatrix m;
        try {
            m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.L,
                            EncodeHintType.CHARACTER_SET, "UTF-8", EncodeHintType.MARGIN, 4));
        } catch (WriterException e) {
            throw new IllegalArgumentException("the config is too long for a QR code (" + text.length() + " characters)", e);
        }
        BufferedImage img = new BufferedImage(m.getWidth() * scale, m.getHeight() * scale, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                img.setRGB(x, y, m.get(x / scale, y / scale) ? 0x000000 : 0xFFFFFF);
            }
        }
        return img;
    }

    /** The text of the first QR code found in the picture, if any. */
    public static Optional<String> decode(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] pixels = image.getRGB(0, 0, w, h, null, 0, w);
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(w, h, pixels)));
        try {
            return Optional.of(new QRCodeReader().decode(bitmap,
                    Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE, DecodeHintType.CHARACTER_SET, "UTF-8")).getText());
        } catch (ReaderException noReadableCode) {
            return Optional.empty();
        }
    }
}
