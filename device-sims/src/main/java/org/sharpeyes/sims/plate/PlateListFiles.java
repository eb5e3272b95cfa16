package org.sharpeyes.sims.plate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.sharpeyes.schema.plate.PlateHotlistIndex;
import org.sharpeyes.schema.plate.PlateNumber;
import org.sharpeyes.schema.plate.PlateParse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the demo city's plate files: {@code plates-normal.txt} (one plate a line), {@code
 * plate-hotlist.csv} (header {@code plate,reason,severity,validFrom,validTo}) and {@code
 * key-persons.csv} (a {@code plates} column, {@code ;}-separated). Plates are normalised on the way
 * in and must be valid by the national grammar; a hotlist pattern becomes a plate that fits it. A
 * file with bad lines is rejected as a whole, with every problem named by file and line, so nothing
 * is silently skipped.
 */
public final class PlateListFiles {

  private static final Logger log = LoggerFactory.getLogger(PlateListFiles.class);
  private static final int MAX_PROBLEMS_SHOWN = 20;

  private PlateListFiles() {}

  /**
   * The pool the simulators draw from: the ordinary plates of {@code plates} (generated ones when
   * {@code null}), and as hot plates the hotlist's entries active at {@code now} and the key
   * persons' vehicles (either file may be {@code null}).
   */
  public static PlatePool pool(Path plates, Path hotlist, Path keyPersons, Instant now) {
    List<String> ordinary = plates == null ? List.of() : readPlates(plates);
    List<HotPlate> hot = new ArrayList<>();
    if (hotlist != null) {
      hot.addAll(readHotlist(hotlist, now));
    }
    if (keyPersons != null) {
      hot.addAll(readKeyPersonPlates(keyPersons));
    }
    return PlatePool.of(ordinary, hot);
  }

  /** Ordinary plates, one per line; blank lines and lines starting with {@code #} are skipped. */
  public static List<String> readPlates(Path file) {
    List<String> lines = readLines(file);
    List<String> plates = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      plateAt(file, i + 1, line, problems).ifPresent(plates::add);
    }
    failOnProblems(file, problems);
    return plates;
  }

  /**
   * Hotlist entries active at {@code now}. Entries outside their {@code validFrom}/{@code validTo}
   * window would not raise an alert on the server, so they are left out (and the number is logged).
   */
  public static List<HotPlate> readHotlist(Path file, Instant now) {
    Table table = Table.read(file);
    int plateCol = table.requireColumn("plate");
    int reasonCol = table.column("reason");
    int severityCol = table.column("severity");
    int fromCol = table.column("validFrom");
    int toCol = table.column("validTo");
    List<HotPlate> plates = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    int inactive = 0;
    for (Row row : table.rows()) {
      var plate = listingAt(file, row.line(), row.get(plateCol), problems);
      Instant from = instantAt(file, row, fromCol, "validFrom", problems);
      Instant to = instantAt(file, row, toCol, "validTo", problems);
      if (plate.isEmpty()) {
        continue;
      }
      if ((from != null && now.isBefore(from)) || (to != null && now.isAfter(to))) {
        inactive++;
        continue;
      }
      String detail = row.get(reasonCol) + "/" + row.get(severityCol);
      plates.add(new HotPlate(plate.get(), HotPlate.SOURCE_HOTLIST, detail));
    }
    failOnProblems(file, problems);
    if (inactive > 0) {
      log.info(
          "{}: {} hotlist entries are not active at {} and will not be drawn", file, inactive, now);
    }
    return plates;
  }

  /** Every plate in the {@code plates} column (0..n per person, {@code ;}-separated). */
  public static List<HotPlate> readKeyPersonPlates(Path file) {
    Table table = Table.read(file);
    int platesCol = table.requireColumn("plates");
    int idCol = table.column("id");
    List<HotPlate> plates = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Row row : table.rows()) {
      String personId = idCol >= 0 ? row.get(idCol) : "line " + row.line();
      for (String raw : row.get(platesCol).split(";")) {
        if (raw.isBlank()) {
          continue;
        }
        plateAt(file, row.line(), raw.strip(), problems)
            .ifPresent(p -> plates.add(new HotPlate(p, HotPlate.SOURCE_KEY_PERSON, personId)));
      }
    }
    failOnProblems(file, problems);
    return plates;
  }

  private static Optional<String> plateAt(Path file, int line, String raw, List<String> problems) {
    PlateParse parse = PlateNumber.parse(raw);
    if (parse instanceof PlateParse.Refused refused) {
      problems.add(file + ":" + line + ": " + refused.message() + " (expected e.g. 湘JA1234)");
      return Optional.empty();
    }
    return Optional.of(((PlateParse.Parsed) parse).plate().text());
  }

  /**
   * A hotlist plate, or for a pattern ({@code 湘J?2345}, {@code 湘JD*}) a plate that fits it, so the
   * simulator can send a read that the pattern matches.
   */
  private static Optional<String> listingAt(
      Path file, int line, String raw, List<String> problems) {
    String listing = PlateNumber.normalise(raw);
    if (listing.indexOf('?') < 0 && listing.indexOf('*') < 0) {
      return plateAt(file, line, raw, problems);
    }
    String problem = PlateHotlistIndex.listingProblem(raw);
    Optional<String> plate = problem == null ? plateFitting(listing) : Optional.empty();
    if (plate.isEmpty()) {
      problems.add(
          file + ":" + line + ": " + (problem != null ? problem : "no plate fits '" + raw + "'"));
    }
    return plate;
  }

  /**
   * The first valid plate that fits {@code pattern}: a leading {@code ?} becomes 湘, one after it A,
   * the others and the {@code *} (to 7, else 8 characters) 1 or D.
   */
  static Optional<String> plateFitting(String pattern) {
    boolean open = pattern.endsWith("*");
    int[] fixed =
        (open ? pattern.substring(0, pattern.length() - 1) : pattern).codePoints().toArray();
    for (int length : open ? new int[] {7, 8} : new int[] {fixed.length}) {
      if (length < fixed.length) {
        continue;
      }
      List<Integer> free = new ArrayList<>();
      int[] c = Arrays.copyOf(fixed, length);
      for (int i = 0; i < length; i++) {
        if (i >= fixed.length || c[i] == '?') {
          c[i] = i == 0 ? '湘' : i == 1 ? 'A' : '1';
          if (i >= 2) {
            free.add(i);
          }
        }
      }
      for (int combo = 0; combo < 1 << free.size(); combo++) {
        for (int k = 0; k < free.size(); k++) {
          c[free.get(k)] = (combo >> k & 1) == 0 ? '1' : 'D';
        }
        String candidate = new String(c, 0, c.length);
        if (PlateNumber.isValid(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  private static Instant instantAt(
      Path file, Row row, int column, String name, List<String> problems) {
    String value = column >= 0 ? row.get(column).strip() : "";
    if (value.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      problems.add(
          file
              + ":"
              + row.line()
              + ": "
              + name
              + " '"
              + value
              + "' is not an ISO-8601 instant (expected e.g. 2026-09-01T00:00:00Z)");
      return null;
    }
  }

  private static void failOnProblems(Path file, List<String> problems) {
    if (problems.isEmpty()) {
      return;
    }
    StringBuilder message = new StringBuilder();
    message.append(file).append(": ").append(problems.size()).append(" bad line(s)");
    problems.stream().limit(MAX_PROBLEMS_SHOWN).forEach(p -> message.append("\n  ").append(p));
    if (problems.size() > MAX_PROBLEMS_SHOWN) {
      message.append("\n  … and ").append(problems.size() - MAX_PROBLEMS_SHOWN).append(" more");
    }
    throw new IllegalArgumentException(message.toString());
  }

  private static List<String> readLines(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (!lines.isEmpty() && lines.get(0).startsWith("\uFEFF")) {
        lines.set(0, lines.get(0).substring(1));
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private record Row(int line, String[] cells) {
    String get(int column) {
      return column >= 0 && column < cells.length ? cells[column] : "";
    }
  }

  /** A header-led CSV without quoting, as the demo city files are written. */
  private record Table(Path file, List<String> header, List<Row> rows) {

    static Table read(Path file) {
      List<String> lines = readLines(file);
      if (lines.isEmpty()) {
        throw new IllegalArgumentException(file + ": empty file, expected a header row");
      }
      List<String> header = Arrays.stream(lines.get(0).split(",", -1)).map(String::strip).toList();
      List<Row> rows = new ArrayList<>();
      for (int i = 1; i < lines.size(); i++) {
        if (!lines.get(i).isBlank()) {
          rows.add(new Row(i + 1, lines.get(i).split(",", -1)));
        }
      }
      return new Table(file, header, rows);
    }

    int column(String name) {
      return header.indexOf(name);
    }

    int requireColumn(String name) {
      int index = column(name);
      if (index < 0) {
        throw new IllegalArgumentException(
            file + ": no '" + name + "' column in the header " + header);
      }
      return index;
    }
  }
}
