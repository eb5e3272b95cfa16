package org.sharpeyes.sims.gate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sharpeyes.config.ConfigProblem;
import org.sharpeyes.sims.yaml.InvalidFileException;

/**
 * The credentials a controller knows, each with the decision it gets. Read from a CSV file:
 *
 * <pre>
 * id,type,result
 * CARD-000132,card,granted
 * CARD-000147,card,denied:expired
 * PIN-0013,pin,denied:outside-hours
 * </pre>
 *
 * The header line is required; {@code #} comments and blank lines are skipped. Or the {@link
 * #builtIn() built-in} list.
 */
public final class CredentialList {

  static final String HEADER = "id,type,result";

  private final Map<String, Credential> byId;
  private final List<Credential> all;

  private CredentialList(List<Credential> credentials) {
    if (credentials.isEmpty()) {
      throw new IllegalArgumentException("a credential list needs at least one credential");
    }
    Map<String, Credential> map = new LinkedHashMap<>();
    credentials.forEach(c -> map.put(c.id(), c));
    this.byId = map;
    this.all = List.copyOf(map.values());
  }

  public static CredentialList of(List<Credential> credentials) {
    return new CredentialList(credentials);
  }

  /**
   * 150 invented credentials: cards {@code CARD-000100}..{@code CARD-000199} (most granted; some
   * expired, outside their hours or revoked), PINs {@code PIN-0001}..{@code PIN-0020}, faces {@code
   * FACE-0001}..{@code FACE-0020} and visitor QR codes {@code QR-VISITOR-001}..{@code 010} (the
   * last four expired). It includes, granted, the cards that {@code
   * config/demo-city/key-persons.csv} gives the demo's key persons ({@code CARD-000132}, {@code
   * CARD-000174}), so that a demo raises access alerts.
   */
  public static CredentialList builtIn() {
    List<Credential> list = new ArrayList<>();
    for (int n = 100; n < 200; n++) {
      AccessDecision d = AccessDecision.GRANTED;
      if (n % 20 == 7) {
        d = AccessDecision.DENIED_EXPIRED;
      } else if (n % 20 == 17) {
        d = AccessDecision.DENIED_OUTSIDE_HOURS;
      } else if (n % 25 == 11) {
        d = AccessDecision.DENIED_REVOKED;
      }
      list.add(new Credential(String.format("CARD-%06d", n), CredentialType.CARD, d));
    }
    for (int n = 1; n <= 20; n++) {
      AccessDecision d = n == 13 ? AccessDecision.DENIED_OUTSIDE_HOURS : AccessDecision.GRANTED;
      list.add(new Credential(String.format("PIN-%04d", n), CredentialType.PIN, d));
    }
    for (int n = 1; n <= 20; n++) {
      AccessDecision d = n == 19 ? AccessDecision.DENIED_ANTI_PASSBACK : AccessDecision.GRANTED;
      list.add(new Credential(String.format("FACE-%04d", n), CredentialType.FACE, d));
    }
    for (int n = 1; n <= 10; n++) {
      AccessDecision d = n > 6 ? AccessDecision.DENIED_EXPIRED : AccessDecision.GRANTED;
      list.add(new Credential(String.format("QR-VISITOR-%03d", n), CredentialType.QR, d));
    }
    return new CredentialList(list);
  }

  /**
   * The credentials in a CSV file.
   *
   * @throws InvalidFileException naming every bad line, when the file cannot be used
   */
  public static CredentialList read(Path file) {
    String source = file.toString();
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidFileException(
          source, List.of(ConfigProblem.wholeFile("cannot read the file: " + e.getMessage())));
    }
    List<ConfigProblem> problems = new ArrayList<>();
    Map<String, Integer> seen = new LinkedHashMap<>();
    List<Credential> credentials = new ArrayList<>();
    boolean header = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      String where = file.getFileName() + ":" + (i + 1);
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (!header) {
        header = true;
        if (!line.replace(" ", "").equalsIgnoreCase(HEADER)) {
          problems.add(
              new ConfigProblem(where, "the first line must be the header '" + HEADER + "'"));
        }
        continue;
      }
      parseLine(line, where, seen, i + 1, problems).ifPresent(credentials::add);
    }
    if (credentials.isEmpty() && problems.isEmpty()) {
      problems.add(
          ConfigProblem.wholeFile("no credentials — add lines such as CARD-000132,card,granted"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidFileException(source, problems);
    }
    return new CredentialList(credentials);
  }

  private static Optional<Credential> parseLine(
      String line,
      String where,
      Map<String, Integer> seen,
      int lineNo,
      List<ConfigProblem> problems) {
    String[] cells = line.split(",", -1);
    if (cells.length != 3) {
      problems.add(
          new ConfigProblem(where, "expected 3 cells (id,type,result), found " + cells.length));
      return Optional.empty();
    }
    String id = cells[0].strip();
    int before = problems.size();
    if (id.isEmpty() || id.length() > 64) {
      problems.add(
          new ConfigProblem(where, "the id must have 1 to 64 characters, was '" + id + "'"));
    } else if (seen.containsKey(id)) {
      problems.add(new ConfigProblem(where, "'" + id + "' is already on line " + seen.get(id)));
    }
    Optional<CredentialType> type = CredentialType.parse(cells[1]);
    if (type.isEmpty()) {
      problems.add(
          new ConfigProblem(
              where,
              "'"
                  + cells[1].strip()
                  + "' is not a credential type ("
                  + CredentialType.names()
                  + ")"));
    }
    Optional<AccessDecision> decision = AccessDecision.parse(cells[2]);
    if (decision.isEmpty()) {
      problems.add(
          new ConfigProblem(
              where,
              "'" + cells[2].strip() + "' is not a result (" + AccessDecision.names() + ")"));
    }
    if (problems.size() > before) {
      return Optional.empty();
    }
    seen.put(id, lineNo);
    return Optional.of(new Credential(id, type.get(), decision.get()));
  }

  public Optional<Credential> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** The credential with this id, or an unknown card with it (denied as unknown). */
  public Credential findOrUnknown(String id) {
    return find(id).orElseGet(() -> Credential.unknown(id, CredentialType.CARD));
  }

  public List<Credential> all() {
    return all;
  }

  public int size() {
    return all.size();
  }
}
