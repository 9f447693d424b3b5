package dev.warren.icons.build;

import com.github.weisj.jsvg.SVGDocument;
import com.github.weisj.jsvg.parser.SVGLoader;
import com.github.weisj.jsvg.view.ViewBox;
import dev.warren.icons.WarrenIcon;
import java.awt.Component;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Build step: renders every {@link WarrenIcon} SVG found in the given resource directory to a PNG at each of
 * {@link WarrenIcon#PNG_SIZES}, and the app icon into the Windows .ico. Rendered with jsvg, the library FlatLaf
 * draws the same SVGs with at run time, so bitmaps and vector icons look alike.
 */
public final class IconGenerator {

    private IconGenerator() {
    }

    /** {@code args[0]}: the directory holding the SVGs (copied there by process-resources) and receiving the output. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: IconGenerator <icon resource directory>");
        }
        Path dir = Path.of(args[0]);
        SVGLoader loader = new SVGLoader();
        List<BufferedImage> icoImages = new ArrayList<>();
        for (WarrenIcon icon : WarrenIcon.values()) {
            Path svg = dir.resolve(icon.baseName() + ".svg");
            SVGDocument document = loader.load(svg.toUri().toURL());
            if (document == null) {
                throw new IOException(svg + ": not a valid SVG document (jsvg could not parse it)");
            }
            for (int size : WarrenIcon.PNG_SIZES) {
                BufferedImage image = render(document, size);
                ImageIO.write(image, "png", dir.resolve(icon.baseName() + "-" + size + ".png").toFile());
                if (icon == WarrenIcon.APP && WarrenIcon.ICO_SIZES.contains(size)) {
                    icoImages.add(image);
                }
            }
        }
        Files.write(dir.resolve(Path.of(WarrenIcon.WINDOWS_ICO).getFileName()), IcoWriter.write(icoImages));
    }

    private static BufferedImage render(SVGDocument document, int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_COLOR_RENDERING, RenderingHints.VALUE_COLOR_RENDER_QUALITY);
            document.render((Component) null, g, new ViewBox(0, 0, size, size));
        } finally {
            g.dispose();
        }
        return image;
    }
}
