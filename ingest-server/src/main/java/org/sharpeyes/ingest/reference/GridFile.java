package org.sharpeyes.ingest.reference;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * Reads grid cells from a GeoJSON FeatureCollection of {@code Polygon} features whose properties
 * are {@code {code, villageCode, name, gridWorker}}. Each problem names the line where its feature
 * starts. Checks here are about one feature; cross-file checks (does the village exist) are the
 * loader's.
 */
final class GridFile {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Path file;
  private final GeometryFactory geometry;
  private final List<ReferenceProblem> problems;

  GridFile(Path file, GeometryFactory geometry, List<ReferenceProblem> problems) {
    this.file = file;
    this.geometry = geometry;
    this.problems = problems;
  }

  /** A cell and the line its feature starts on. */
  record Feature(GridCell cell, int line) {}

  /** Every well-formed cell; bad features are reported and left out. */
  List<Feature> read() {
    List<Feature> cells = new ArrayList<>();
    try (JsonParser parser = MAPPER.createParser(Files.newInputStream(file))) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        problem(parser.currentTokenLocation().getLineNr(), "expected a GeoJSON FeatureCollection");
        return cells;
      }
      boolean sawFeatures = false;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (field.equals("type")) {
          if (!"FeatureCollection".equals(parser.getValueAsString())) {
            problem(parser.currentTokenLocation().getLineNr(), "type must be FeatureCollection");
          }
        } else if (field.equals("features") && value == JsonToken.START_ARRAY) {
          sawFeatures = true;
          while (parser.nextToken() == JsonToken.START_OBJECT) {
            int line = parser.currentTokenLocation().getLineNr();
            JsonNode feature = MAPPER.readTree(parser);
            GridCell cell = cell(feature, line);
            if (cell != null) {
              cells.add(new Feature(cell, line));
            }
          }
        } else {
          parser.skipChildren();
        }
      }
      if (!sawFeatures) {
        problem(0, "no \"features\" array");
      }
    } catch (NoSuchFileException e) {
      problem(0, "file not found");
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      problem(line, "not valid JSON: " + firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      problem(0, "cannot read: " + firstLine(e.getMessage()));
    }
    return cells;
  }

  private GridCell cell(JsonNode feature, int line) {
    int before = problems.size();
    JsonNode props = feature.path("properties");
    String code = text(props, "code", "[0-9]{14}", "14 digits (village code + 2)", line);
    String village = text(props, "villageCode", "[0-9]{12}", "a 12-digit village code", line);
    String name = text(props, "name", ".+", "a name", line);
    String worker = text(props, "gridWorker", ".+", "a grid worker's name", line);
    if (code != null && village != null && !code.startsWith(village)) {
      problem(line, "cell " + code + ": code must start with its villageCode " + village);
    }
    Polygon polygon = polygon(feature.path("geometry"), line, code);
    return problems.size() == before ? new GridCell(code, village, name, worker, polygon) : null;
  }

  private Polygon polygon(JsonNode geom, int line, String code) {
    String where = "cell " + (code == null ? "?" : code) + ": geometry";
    if (!"Polygon".equals(geom.path("type").asText())) {
      problem(line, where + " must be a Polygon");
      return null;
    }
    JsonNode rings = geom.path("coordinates");
    if (!rings.isArray() || rings.isEmpty()) {
      problem(line, where + " needs coordinates: an array of rings");
      return null;
    }
    List<LinearRing> built = new ArrayList<>();
    for (int r = 0; r < rings.size(); r++) {
      LinearRing ring = ring(rings.get(r), line, where + " ring " + r);
      if (ring == null) {
        return null;
      }
      built.add(ring);
    }
    Polygon polygon =
        geometry.createPolygon(
            built.get(0), built.subList(1, built.size()).toArray(new LinearRing[0]));
    TopologyValidationError error = new IsValidOp(polygon).getValidationError();
    if (error != null) {
      problem(line, where + " is not a valid polygon: " + error.getMessage());
      return null;
    }
    return polygon;
  }

  private LinearRing ring(JsonNode points, int line, String where) {
    if (!points.isArray() || points.size() < 4) {
      problem(line, where + " needs at least 4 [lon, lat] positions");
      return null;
    }
    Coordinate[] coords = new Coordinate[points.size()];
    for (int i = 0; i < points.size(); i++) {
      JsonNode p = points.get(i);
      double lon = p.path(0).asDouble(Double.NaN);
      double lat = p.path(1).asDouble(Double.NaN);
      if (!p.path(0).isNumber()
          || !p.path(1).isNumber()
          || Math.abs(lon) > 180
          || Math.abs(lat) > 90) {
        problem(line, where + " position " + i + " is not [lon, lat] in degrees: " + p);
        return null;
      }
      coords[i] = new Coordinate(lon, lat);
    }
    if (!coords[0].equals2D(coords[coords.length - 1])) {
      problem(line, where + " is not closed: the last position must repeat the first");
      return null;
    }
    return geometry.createLinearRing(coords);
  }

  private String text(JsonNode props, String field, String regex, String expected, int line) {
    JsonNode node = props.get(field);
    if (node == null || !node.isTextual() || !node.asText().matches(regex)) {
      problem(line, "properties." + field + " must be " + expected + ", found " + node);
      return null;
    }
    return node.asText();
  }

  private void problem(int line, String message) {
    problems.add(new ReferenceProblem(file, line, message));
  }

  private static String firstLine(String message) {
    String m = String.valueOf(message);
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
