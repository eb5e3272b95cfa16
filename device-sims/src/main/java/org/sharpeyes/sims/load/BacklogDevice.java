package org.sharpeyes.sims.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.sharpeyes.schema.id.GbDeviceId;
import org.sharpeyes.schema.topic.Topics;

/**
 * One device of the reference data that the backlog generator speaks for, as an edge would.
 *
 * @param edgeId the edge it is attached to
 * @param deviceId its 20-digit GB/T 28181 id
 * @param kind the {@code kind} column of {@code devices.csv}, e.g. {@code plate-reader}
 */
public record BacklogDevice(String edgeId, String deviceId, String kind) {

  /** The kind of device that reads plates (its events are {@code vehicle.sighted}). */
  public static final String PLATE_READER = "plate-reader";

  public BacklogDevice {
    Objects.requireNonNull(kind, "kind");
    if (edgeId == null || !Topics.EDGE_ID.matcher(edgeId).matches()) {
      throw new IllegalArgumentException(
          "edge id '" + edgeId + "' must match " + Topics.EDGE_ID.pattern());
    }
    deviceId = new GbDeviceId(deviceId).value();
  }

  public boolean readsPlates() {
    return PLATE_READER.equals(kind);
  }

  /**
   * Reads a {@code devices.csv} of the reference data (header with {@code id}, {@code kind} and
   * {@code edgeId}, no quoting, as the demo city writes it). A bad row fails the whole file with
   * its line number, so nothing is skipped silently.
   */
  public static List<BacklogDevice> readCsv(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (lines.isEmpty()) {
      throw new IllegalArgumentException(file + ": empty file, expected a header row");
    }
    List<String> header =
        Arrays.stream(lines.get(0).replace("\uFEFF", "").split(",", -1))
            .map(String::strip)
            .toList();
    int id = column(file, header, "id");
    int kind = column(file, header, "kind");
    int edge = column(file, header, "edgeId");
    List<BacklogDevice> devices = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      String[] cells = lines.get(i).split(",", -1);
      try {
        devices.add(new BacklogDevice(cell(cells, edge), cell(cells, id), cell(cells, kind)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return devices;
  }

  private static int column(Path file, List<String> header, String name) {
    int index = header.indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException(
          file + ": no '" + name + "' column in the header " + header);
    }
    return index;
  }

  private static String cell(String[] cells, int column) {
    return column < cells.length ? cells[column].strip() : "";
  }
}
