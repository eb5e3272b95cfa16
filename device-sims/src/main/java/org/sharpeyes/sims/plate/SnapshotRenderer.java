package org.sharpeyes.sims.plate;

import java.awt.AWTError;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Draws a small plate-like JPEG (plate colour background, the plate text, a border): about 3 KB.
 * Images are cached per text and colour in a bounded LRU, so high rates do not re-encode the same
 * plate. If the JVM cannot render (no fonts on a minimal image), it says so once and further reads
 * go without a snapshot; the number is in {@link #failures()}. Thread-safe.
 */
public final class SnapshotRenderer {

  public static final int DEFAULT_CACHE_SIZE = 1024;

  private static final Logger log = LoggerFactory.getLogger(SnapshotRenderer.class);
  private static final int WIDTH = 240;
  private static final int HEIGHT = 72;

  private final Map<String, String> cache;
  private final AtomicLong failures = new AtomicLong();
  private volatile boolean broken;

  public SnapshotRenderer(int cacheSize) {
    if (cacheSize < 1) {
      throw new IllegalArgumentException(
          "snapshot cache size must be at least 1, got " + cacheSize);
    }
    this.cache =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > cacheSize;
          }
        };
  }

  /**
   * A base64 JPEG showing {@code text} on a plate of {@code plateColor}, or empty if this JVM
   * cannot render images.
   */
  public Optional<String> base64Jpeg(String text, String plateColor) {
    if (broken) {
      failures.incrementAndGet();
      return Optional.empty();
    }
    String key = plateColor + "|" + text;
    synchronized (cache) {
      String cached = cache.get(key);
      if (cached != null) {
        return Optional.of(cached);
      }
    }
    try {
      String encoded = Base64.getEncoder().encodeToString(renderJpeg(text, plateColor));
      synchronized (cache) {
        cache.put(key, encoded);
      }
      return Optional.of(encoded);
    } catch (IOException | RuntimeException | LinkageError | AWTError e) {
      // A headless JVM without fonts fails here, with an Error in some cases: carry on without
      // images.
      broken = true;
      failures.incrementAndGet();
      log.warn("cannot render plate snapshots ({}); sending reads without snapshots", e.toString());
      return Optional.empty();
    }
  }

  /**
   * Renders one image and throws it away, so that the one-off cost of loading AWT and fonts (a few
   * hundred milliseconds) is paid before pacing starts rather than on the first read.
   */
  public void warmUp() {
    try {
      renderJpeg("湘J00000", "blue");
    } catch (IOException | RuntimeException | LinkageError | AWTError e) {
      broken = true;
      log.warn("cannot render plate snapshots ({}); sending reads without snapshots", e.toString());
    }
  }

  /** Reads that went without a snapshot because rendering failed. */
  public long failures() {
    return failures.get();
  }

  /** Renders one image; public for tests and tools that want the bytes. */
  public static byte[] renderJpeg(String text, String plateColor) throws IOException {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(background(plateColor));
      g.fillRect(0, 0, WIDTH, HEIGHT);
      Color ink =
          "blue".equals(plateColor) || "black".equals(plateColor) ? Color.WHITE : Color.BLACK;
      g.setColor(ink);
      g.drawRect(4, 4, WIDTH - 9, HEIGHT - 9);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 34));
      int textWidth = g.getFontMetrics().stringWidth(text);
      g.drawString(text, Math.max(8, (WIDTH - textWidth) / 2), 48);
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    if (!ImageIO.write(image, "jpg", out)) {
      throw new IOException("no JPEG writer in this JVM");
    }
    return out.toByteArray();
  }

  private static Color background(String plateColor) {
    return switch (plateColor == null ? "blue" : plateColor) {
      case "yellow" -> new Color(0xF2, 0xC2, 0x0F);
      case "green" -> new Color(0x9B, 0xD7, 0x7A);
      case "yellow-green" -> new Color(0xC8, 0xD6, 0x3C);
      case "white" -> Color.WHITE;
      case "black" -> new Color(0x15, 0x15, 0x15);
      default -> new Color(0x10, 0x3C, 0xA8);
    };
  }
}
