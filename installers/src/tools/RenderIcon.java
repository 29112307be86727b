import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;

/** Renders src/icons/minisipphone.svg's shapes (kept in sync by hand) as PNGs: java RenderIcon.java OUTDIR SIZE... */
public class RenderIcon {
    public static void main(String[] args) throws Exception {
        File out = new File(args[0]);
        out.mkdirs();
        for (int i = 1; i < args.length; i++) {
            int size = Integer.parseInt(args[i]);
            BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = img.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.scale(size / 256.0, size / 256.0);
            g.setColor(new Color(0x1e6fd9));
            g.fill(new RoundRectangle2D.Double(8, 8, 240, 240, 96, 96));
            Path2D.Double p = new Path2D.Double();
            p.moveTo(84, 52); p.lineTo(112, 52); p.lineTo(124, 96); p.lineTo(104, 112);
            p.quadTo(124, 152, 152, 160); p.lineTo(168, 140); p.lineTo(208, 152); p.lineTo(208, 180);
            p.quadTo(208, 204, 180, 204); p.quadTo(120, 200, 86, 160); p.quadTo(52, 120, 56, 80);
            p.quadTo(56, 52, 84, 52); p.closePath();
            g.setColor(Color.WHITE);
            g.fill(p);
            g.dispose();
            ImageIO.write(img, "png", new File(out, size + ".png"));
        }
    }
}
