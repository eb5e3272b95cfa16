package org.sharpeyes.edge.watchlist;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge's watchlist on disk, so that a restart neither waits for the broker nor computes a
 * template again: the last applied manifest, and one file per template under {@code
 * <dir>/<modelId>/<photo sha256>.tpl}. Files are replaced atomically; an unreadable file counts as
 * missing (and is removed), so a crash mid-write costs one recomputation, never a wrong template.
 */
public final class TemplateCache {

  private static final Logger log = LoggerFactory.getLogger(TemplateCache.class);
  private static final int MAGIC = 0x53455450; // "SETP"
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final String MANIFEST = "manifest.json";

  private final Path dir;

  /**
   * @throws UncheckedIOException when the directory cannot be created
   */
  public TemplateCache(Path dir) {
    this.dir = dir;
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the watchlist cache " + dir, e);
    }
  }

  public Path dir() {
    return dir;
  }

  /** The template of {@code photo} by {@code modelId}, if one was kept and is readable. */
  public Optional<float[]> get(String modelId, String photo) {
    Path file = file(modelId, photo);
    try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
      if (in.readInt() != MAGIC) {
        throw new IOException("not a template file");
      }
      int n = in.readInt();
      if (n <= 0 || n > 65_536) {
        throw new IOException("template of " + n + " values");
      }
      float[] v = new float[n];
      for (int i = 0; i < n; i++) {
        v[i] = in.readFloat();
      }
      if (in.read() != -1) {
        throw new IOException("trailing bytes");
      }
      return Optional.of(v);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      log.warn("template {} unreadable ({}); it will be computed again", file, e.getMessage());
      delete(file);
      return Optional.empty();
    }
  }

  /** Keeps a template; a failure to write is logged, the template still works until a restart. */
  public void put(String modelId, String photo, float[] template) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(8 + 4 * template.length);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(template.length);
      for (float f : template) {
        out.writeFloat(f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    write(file(modelId, photo), bytes.toByteArray());
  }

  /**
   * Removes the templates of {@code modelId} whose photo is not in {@code keep}.
   *
   * @return how many were removed
   */
  public int retainOnly(String modelId, Set<String> keep) {
    Path models = dir.resolve(checked(modelId));
    if (!Files.isDirectory(models)) {
      return 0;
    }
    int removed = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(models, "*.tpl")) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        if (!keep.contains(name.substring(0, name.length() - 4))) {
          delete(f);
          removed++;
        }
      }
    } catch (IOException e) {
      log.warn("cannot list {}: {}", models, e.getMessage());
    }
    return removed;
  }

  /** The bytes of the last applied manifest, if any. */
  public Optional<byte[]> manifest() {
    try {
      return Optional.of(Files.readAllBytes(dir.resolve(MANIFEST)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      log.warn("cannot read {}: {}", dir.resolve(MANIFEST), e.getMessage());
      return Optional.empty();
    }
  }

  public void manifest(byte[] bytes) {
    write(dir.resolve(MANIFEST), bytes);
  }

  private Path file(String modelId, String photo) {
    return dir.resolve(checked(modelId)).resolve(checked(photo) + ".tpl");
  }

  private static String checked(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("'" + name + "' cannot name a cache file");
    }
    return name;
  }

  private static void write(Path file, byte[] bytes) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.write(tmp, bytes);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      log.warn("cannot write {}: {}", file, e.getMessage());
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.debug("cannot delete {}: {}", file, e.getMessage());
    }
  }
}
