package org.sharpeyes.ingest.reference;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the demo-city style CSV files: UTF-8, comma separated, a header row, no quoting (no field
 * contains a comma). Every problem is reported with the file and line; nothing throws.
 */
final class CsvFile {

  private CsvFile() {}

  /**
   * Reads the rows of {@code file}, which must have exactly {@code header} as its first line. Blank
   * lines are skipped. A row with the wrong number of fields is reported and left out.
   */
  static List<Row> read(Path file, List<String> header, List<ReferenceProblem> problems) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      problems.add(new ReferenceProblem(file, 0, "file not found"));
      return List.of();
    } catch (MalformedInputException e) {
      problems.add(new ReferenceProblem(file, 0, "not valid UTF-8"));
      return List.of();
    } catch (IOException e) {
      problems.add(new ReferenceProblem(file, 0, "cannot read: " + e.getMessage()));
      return List.of();
    }
    if (lines.isEmpty()) {
      problems.add(new ReferenceProblem(file, 0, "empty file; expected header " + join(header)));
      return List.of();
    }
    List<String> actual = split(stripBom(lines.get(0)));
    if (!actual.equals(header)) {
      problems.add(
          new ReferenceProblem(
              file, 1, "header is " + join(actual) + " but expected " + join(header)));
      return List.of();
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      List<String> fields = split(line);
      if (fields.size() != header.size()) {
        problems.add(
            new ReferenceProblem(
                file,
                i + 1,
                "has "
                    + fields.size()
                    + " fields but the header has "
                    + header.size()
                    + " ("
                    + join(header)
                    + ")"));
        continue;
      }
      rows.add(new Row(file, i + 1, header, fields, problems));
    }
    return rows;
  }

  private static List<String> split(String line) {
    return Arrays.stream(line.split(",", -1)).map(String::strip).toList();
  }

  private static String stripBom(String s) {
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }

  private static String join(List<String> fields) {
    return String.join(",", fields);
  }

  /** One data row; its typed getters report problems against the row's line. */
  static final class Row {
    private final Path file;
    private final int line;
    private final List<String> header;
    private final List<String> fields;
    private final List<ReferenceProblem> problems;
    private boolean valid = true;

    private Row(
        Path file,
        int line,
        List<String> header,
        List<String> fields,
        List<ReferenceProblem> problems) {
      this.file = file;
      this.line = line;
      this.header = header;
      this.fields = fields;
      this.problems = problems;
    }

    int line() {
      return line;
    }

    /** False once any problem was reported for this row. */
    boolean valid() {
      return valid;
    }

    /** The field as written; empty string when blank. */
    String optional(String column) {
      return fields.get(header.indexOf(column));
    }

    /** The field, or {@code null} (with a problem) when blank. */
    String required(String column) {
      String value = optional(column);
      if (value.isEmpty()) {
        problem(column, "must not be empty");
        return null;
      }
      return value;
    }

    /** The field if it matches {@code regex}; otherwise a problem naming {@code expected}. */
    String matching(String column, String regex, String expected) {
      String value = required(column);
      if (value != null && !value.matches(regex)) {
        problem(column, "'" + value + "' is not " + expected);
        return null;
      }
      return value;
    }

    /** A decimal in {@code [min, max]}; NaN (with a problem) otherwise. */
    double decimal(String column, double min, double max) {
      String value = required(column);
      if (value == null) {
        return Double.NaN;
      }
      try {
        double d = Double.parseDouble(value);
        if (d >= min && d <= max) {
          return d;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      problem(column, "'" + value + "' is not a number from " + min + " to " + max);
      return Double.NaN;
    }

    /** An ISO-8601 instant, or {@code null} when blank (meaning unbounded) or bad. */
    Instant instantOrNull(String column) {
      String value = optional(column);
      if (value.isEmpty()) {
        return null;
      }
      try {
        return Instant.parse(value);
      } catch (DateTimeParseException e) {
        problem(column, "'" + value + "' is not an ISO-8601 instant, e.g. 2026-11-27T08:00:00Z");
        return null;
      }
    }

    /** The {@code ;}-separated items of the field; empty when blank. */
    List<String> list(String column) {
      String value = optional(column);
      if (value.isEmpty()) {
        return List.of();
      }
      return Arrays.stream(value.split(";", -1)).map(String::strip).toList();
    }

    void problem(String column, String message) {
      valid = false;
      problems.add(new ReferenceProblem(file, line, column + ": " + message));
    }
  }
}
