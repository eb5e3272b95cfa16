package org.sharpeyes.ingest.watchlist;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports a folder of enrolment photos named after the key persons: {@code KP0001.jpg}, {@code
 * KP0001-2.jpg}, {@code KP0001_side.png}. Every photo goes through the same check as an upload. A
 * photo imported before is recognised by its crop's digest and not stored twice, so the import can
 * run at every start. Files removed from the folder stay enrolled: deleting is done over the API.
 */
final class PhotoImport {

  private static final Logger log = LoggerFactory.getLogger(PhotoImport.class);

  /** One file that was not enrolled, and why. */
  record Problem(String file, String reason) {}

  /** What an import did. */
  record Report(int enrolled, int alreadyEnrolled, List<Problem> problems) {}

  private PhotoImport() {}

  static Report run(Path dir, Watchlist watchlist, java.util.Collection<String> personIds)
      throws SQLException {
    if (!Files.isDirectory(dir)) {
      log.info("no enrolment photo folder at {}; nothing imported", dir);
      return new Report(0, 0, List.of());
    }
    int enrolled = 0;
    int already = 0;
    List<Problem> problems = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> list = Files.newDirectoryStream(dir)) {
      list.forEach(files::add);
    } catch (IOException e) {
      problems.add(new Problem(dir.toString(), "cannot list the folder: " + e.getMessage()));
    }
    files.sort(null);
    for (Path file : files) {
      String name = file.getFileName().toString();
      String lower = name.toLowerCase(Locale.ROOT);
      if (!Files.isRegularFile(file)
          || !(lower.endsWith(".jpg") || lower.endsWith(".jpeg") || lower.endsWith(".png"))) {
        continue;
      }
      String person = personOf(name, personIds);
      if (person == null) {
        problems.add(
            new Problem(name, "its name starts with no key person's id from key-persons.csv"));
        continue;
      }
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (IOException e) {
        problems.add(new Problem(name, "cannot read it: " + e.getMessage()));
        continue;
      }
      Watchlist.Enrolment result = watchlist.enrol(person, bytes, name);
      if (result instanceof Watchlist.Enrolled) {
        enrolled++;
      } else if (result instanceof Watchlist.AlreadyEnrolled) {
        already++;
      } else if (result instanceof Watchlist.Refused r) {
        problems.add(new Problem(name, r.reason()));
      }
    }
    for (Problem p : problems) {
      log.warn("enrolment photo {} not imported: {}", p.file(), p.reason());
    }
    log.info(
        "enrolment photos from {}: {} new, {} enrolled before, {} not imported",
        dir,
        enrolled,
        already,
        problems.size());
    return new Report(enrolled, already, List.copyOf(problems));
  }

  /** The longest id that starts the name and is followed by its end or a separator. */
  static String personOf(String fileName, java.util.Collection<String> personIds) {
    String stem = fileName.substring(0, fileName.lastIndexOf('.'));
    String best = null;
    for (String id : personIds) {
      if (stem.startsWith(id)
          && (stem.length() == id.length() || !Character.isLetterOrDigit(stem.charAt(id.length())))
          && (best == null || id.length() > best.length())) {
        best = id;
      }
    }
    return best;
  }
}
