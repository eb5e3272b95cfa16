package org.sharpeyes.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTreeTest {

  static final Path BASE = Path.of("/etc/sharpeyes");
  static final Duration MIN = Duration.ofMillis(10);
  static final Duration MAX = Duration.ofHours(1);

  static ConfigTree tree(String yaml) {
    return ConfigYaml.parse(yaml, BASE, ConfigYaml.Limits.DEFAULTS).orThrow();
  }

  static List<String> problems(ConfigTree tree) {
    return tree.problems().stream().map(ConfigProblem::toString).toList();
  }

  @Test
  void everyProblemOfAPassIsCollectedWithItsFullPath() {
    ConfigTree root =
        tree(
            """
            broker: { keepAlive: forever }
            devices:
              - { id: a, plateHttp: { port: 70000 } }
              - { id: b, plateHttp: { port: -1 } }
            """);

    root.section("broker").duration("keepAlive", Duration.ofSeconds(30), MIN, MAX);
    for (ConfigTree device : root.list("devices")) {
      device.section("plateHttp").port("port", null);
    }

    assertThat(problems(root))
        .containsExactly(
            "broker.keepAlive: 'forever' is not a duration — write a number and a unit: ms, s, m,"
                + " h or d (e.g. 30s)",
            "devices[0].plateHttp.port: 70000 is out of range — expected 0..65535",
            "devices[1].plateHttp.port: -1 is out of range — expected 0..65535");
    assertThat(root.result(() -> "config")).isInstanceOf(ConfigResult.Failure.class);
  }

  @Test
  void aPassWithoutProblemsGivesTheValueBuiltOnlyThen() {
    ConfigTree root = tree("port: 8080\n");

    Integer port = root.port("port", null);

    assertThat(root.result(() -> port).orThrow()).isEqualTo(8080);
  }

  @Test
  void listItemsMayBeNamedByTheirId() {
    ConfigTree root =
        tree("devices:\n  - { id: gate-east, x: 1 }\n  - { id: \"with space\" }\n  - 3\n");

    List<ConfigTree> items = root.list("devices", null, "id");

    assertThat(items)
        .extracting(ConfigTree::where)
        .containsExactly("devices[gate-east]", "devices[1]");
    assertThat(problems(root)).containsExactly("devices[2]: expected a mapping, got 3");
  }

  @Test
  void anUnknownKeyGetsOneDidYouMeanOrTheListOfKnownKeys() {
    ConfigTree root = tree("urll: x\ncolour: blue\n");

    root.allowKeys(List.of("url", "clientId"));

    assertThat(problems(root))
        .containsExactly(
            "urll: unknown key — did you mean 'url'?",
            "colour: unknown key — expected one of: url, clientId");
  }

  @Test
  void aRetiredKeyIsAnsweredWithWhatToWriteInstead() {
    ConfigTree root = tree("reconnectMin: 1s\n");

    root.allowKeys(
        List.of("reconnect"),
        Map.of("reconnectMin", "no longer supported — write reconnect.initialDelay instead"));

    assertThat(problems(root))
        .containsExactly(
            "reconnectMin: no longer supported — write reconnect.initialDelay instead");
  }

  @Test
  void sectionsAndListsOfTheWrongShapeAreProblemsAndMissingOnesMayBeRequired() {
    ConfigTree root = tree("broker: [a]\ndevices: {a: 1}\nnothing: null\n");

    assertThat(root.section("broker")).isNull();
    assertThat(root.list("devices")).isEmpty();
    assertThat(root.section("status")).isNull();
    assertThat(root.section("nothing")).isNull();
    assertThat(root.section("outbox", "add outbox: { path: … }")).isNull();
    assertThat(root.list("walkers", "list the walkers", null)).isEmpty();
    assertThat(root.require("edgeId", "the id of this box")).isFalse();

    assertThat(problems(root))
        .containsExactly(
            "broker: expected a mapping (indented key: value lines), got a list",
            "devices: expected a list (lines starting with '- '), got a mapping",
            "outbox: missing — add outbox: { path: … }",
            "walkers: missing — list the walkers",
            "edgeId: missing — the id of this box");
  }

  @Test
  void aSectionOfOptionalKeysReadsAsEmptyWhenMissingSoEveryReadGivesItsFallback() {
    ConfigTree root = tree("http: [8080]\n");

    ConfigTree http = root.sectionOrEmpty("http");
    ConfigTree alerts = root.sectionOrEmpty("alerts");

    assertThat(http.port("port", 8080)).isEqualTo(8080);
    assertThat(alerts.integer("sseMaxClients", 100, 1, 10_000)).isEqualTo(100);
    alerts.problem("sseMaxClients", "example");
    assertThat(problems(root))
        .containsExactly(
            "http: expected a mapping (indented key: value lines), got a list",
            "alerts.sseMaxClients: example");
  }

  @Test
  void textsAreSingleNonBlankValues() {
    ConfigTree root = tree("a: hello\nb: [x]\nc: \"  \"\nd: 42\nlist: [a, \"\", [b]]\n");

    assertThat(root.text("a")).isEqualTo("hello");
    assertThat(root.text("b")).isNull();
    assertThat(root.text("c")).isNull();
    assertThat(root.text("d")).isEqualTo("42");
    assertThat(root.text("e", "write e")).isNull();
    assertThat(root.texts("list")).containsExactly("a");
    assertThat(root.texts("none")).isEmpty();
    assertThat(root.texts("a")).isNull();

    assertThat(problems(root))
        .containsExactly(
            "b: expected a single value, got a list",
            "c: is empty — write a value, or leave the key out",
            "e: missing — write e",
            "list[1]: is empty — write a value, or leave the key out",
            "list[2]: expected a single value, got a list",
            "a: expected a list, e.g. [a, b], got text 'hello'");
  }

  @Test
  void entriesAreTheSingleValuesOfAMappingInFileOrder() {
    ConfigTree root = tree("state: { Closed: closed, Open: open, Odd: [x] }\n");

    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("Closed", "closed");
    expected.put("Open", "open");
    assertThat(root.entries("state")).containsExactlyEntriesOf(expected);
    assertThat(problems(root)).containsExactly("state.Odd: expected a single value, got a list");
  }

  @Test
  void wholeNumbersAndDecimalsAreCheckedAgainstTheirRange() {
    ConfigTree root = tree("a: 5\nb: 1.5\nc: '5'\nd: 99999999999999999999\ne: 0.5\nf: 2\ng: x\n");

    assertThat(root.integer("a", null, 1, 10)).isEqualTo(5);
    assertThat(root.integer("missing", 7, 1, 10)).isEqualTo(7);
    assertThat(root.integer("b", null, 1, 10)).isNull();
    assertThat(root.integer("c", null, 1, 10)).isNull();
    assertThat(root.whole("d", null, 0, Long.MAX_VALUE)).isNull();
    assertThat(root.integer("required", null, 1, 10)).isNull();
    assertThat(root.decimal("e", null, 0, 1)).isEqualTo(0.5);
    assertThat(root.decimal("f", null, 0.05, 0.99)).isNull();
    assertThat(root.decimal("g", 0.5, 0, 1)).isNull();
    assertThat(root.decimal("none", 0.5, 0, 1)).isEqualTo(0.5);

    assertThat(problems(root))
        .containsExactly(
            "b: expected a whole number 1..10, got 1.5",
            "c: expected a whole number 1..10, got text '5'",
            "d: 99999999999999999999 is out of range — expected 0..9223372036854775807",
            "required: missing — expected a whole number 1..10",
            "f: 2 is out of range — expected 0.05..0.99",
            "g: expected a number 0..1, got text 'x'");
  }

  @Test
  void booleansAreTrueOrFalseInAnyCase() {
    ConfigTree root = tree("a: true\nb: \"FALSE\"\nc: yes please\nd: 1\n");

    assertThat(root.bool("a", false)).isTrue();
    assertThat(root.bool("b", true)).isFalse();
    assertThat(root.bool("c", false)).isNull();
    assertThat(root.bool("d", false)).isNull();
    assertThat(root.bool("none", true)).isTrue();

    assertThat(problems(root))
        .containsExactly(
            "c: expected true or false, got text 'yes please'", "d: expected true or false, got 1");
  }

  @Test
  void aDurationNeedsAUnitExceptZeroAndMustBeInRange() {
    ConfigTree root =
        tree("a: 30s\nb: 30\nc: 1.5\nd: 0\ne: 2h\nf: [1]\ng: 99999999999999999999d\nh: 2MB\n");

    assertThat(root.duration("a", null, MIN, MAX)).isEqualTo(Duration.ofSeconds(30));
    assertThat(root.duration("b", null, MIN, MAX)).isNull();
    assertThat(root.duration("c", null, MIN, MAX)).isNull();
    assertThat(root.duration("d", null, Duration.ZERO, MAX)).isZero();
    assertThat(root.duration("e", null, MIN, Duration.ofMinutes(1))).isNull();
    assertThat(root.duration("f", null, MIN, MAX)).isNull();
    assertThat(root.duration("g", null, Duration.ZERO, Duration.ofDays(1))).isNull();
    assertThat(root.duration("h", null, MIN, MAX)).isNull();
    assertThat(root.duration("none", Duration.ofSeconds(5), MIN, MAX)).hasSeconds(5);

    assertThat(problems(root))
        .containsExactly(
            "b: 30 has no unit — write 30s or 30000ms",
            "c: 1.5 has no unit — write 1.5s or 1500ms",
            "e: 2h is out of range — expected 10ms..1m",
            "f: expected a duration like 30s, got a list",
            "g: 99999999999999999999d is out of range — expected 0s..1d",
            "h: '2MB' is not a duration — write a number and a unit: ms, s, m, h or d (e.g. 30s)");
  }

  @Test
  void aSizeIsBytesOrAUnitAndMustBeInRange() {
    ConfigTree root = tree("a: 2MiB\nb: 65536\nc: 2MB\nd: 1KiB\ne: 1.5\nf: 17179869185GiB\n");
    long mib = 1024 * 1024;

    assertThat(root.size("a", null, 1, 64 * mib)).isEqualTo(2 * mib);
    assertThat(root.size("b", null, 1, 64 * mib)).isEqualTo(65536);
    assertThat(root.size("c", null, 1, 64 * mib)).isNull();
    assertThat(root.size("d", null, mib, 1024L << 30)).isNull();
    assertThat(root.size("e", null, 1, mib)).isNull();
    assertThat(root.size("f", null, 1, Long.MAX_VALUE - 1)).isNull();
    assertThat(root.size("none", mib, 1, 64 * mib)).isEqualTo(mib);

    assertThat(problems(root))
        .containsExactly(
            "c: '2MB' is ambiguous — did you mean 2MiB?",
            "d: 1KiB is out of range — expected 1MiB..1024GiB",
            "e: expected a size like 2MiB, got 1.5",
            "f: 17179869185GiB is out of range — expected 1B..9223372036854775806B");
  }

  @Test
  void aUriMustHaveAnAllowedSchemeAndAHost() {
    ConfigTree root =
        tree(
            "a: tcp://127.0.0.1:1883\nb: mqtt://x\nc: \"tcp://bad host\"\nd: tcp:///x\n"
                + "e: tcp://h:99999\nf: SSL://h:8883\n");
    List<String> schemes = List.of("tcp", "ssl");
    String fix = "e.g. tcp://127.0.0.1:1883";

    assertThat(root.uri("a", fix, schemes)).isEqualTo(URI.create("tcp://127.0.0.1:1883"));
    assertThat(root.uri("b", fix, schemes)).isNull();
    assertThat(root.uri("c", fix, schemes)).isNull();
    assertThat(root.uri("d", fix, schemes)).isNull();
    assertThat(root.uri("e", fix, schemes)).isNull();
    assertThat(root.uri("f", fix, schemes)).isEqualTo(URI.create("SSL://h:8883"));
    assertThat(root.uri("none", fix, schemes)).isNull();

    assertThat(problems(root))
        .containsExactly(
            "b: 'mqtt://x' must start with tcp:// or ssl:// — e.g. tcp://127.0.0.1:1883",
            "c: 'tcp://bad host' is not a valid URI — e.g. tcp://127.0.0.1:1883",
            "d: 'tcp:///x' has no host — e.g. tcp://127.0.0.1:1883",
            "e: port 99999 is out of range — expected 1..65535");
  }

  @Test
  void aChoiceIsOneOfItsWordsWithOneDidYouMean() {
    Map<String, Integer> kinds = new LinkedHashMap<>();
    kinds.put("plate-reader", 1);
    kinds.put("camera", 2);
    ConfigTree root = tree("a: camera\nb: plate-raeder\nc: viid-gb1400\n");

    assertThat(root.choice("a", kinds, null)).isEqualTo(2);
    assertThat(root.choice("b", kinds, null)).isNull();
    assertThat(root.choice("c", kinds, null)).isNull();
    assertThat(root.choice("d", kinds, null)).isNull();
    assertThat(root.choice("e", kinds, 1)).isEqualTo(1);

    assertThat(problems(root))
        .containsExactly(
            "b: 'plate-raeder' is not known — did you mean 'plate-reader'?",
            "c: 'viid-gb1400' is not known — expected one of: plate-reader, camera",
            "d: missing — expected one of: plate-reader, camera");
  }

  @Test
  void aPathIsResolvedAgainstTheBaseGivenOrKeptAsWritten() {
    ConfigTree root =
        tree("a: ca.pem\nb: data/outbox.db\nc: /abs/x\nd: ~/models/x.onnx\ne: \"a\\0b\"\n");
    String home = System.getProperty("user.home");

    assertThat(root.path("a", BASE, null)).isEqualTo(Path.of("/etc/sharpeyes/ca.pem"));
    assertThat(root.path("b", null, null)).isEqualTo(Path.of("data/outbox.db"));
    assertThat(root.path("c", BASE, null)).isEqualTo(Path.of("/abs/x"));
    assertThat(root.path("d", null, null)).isEqualTo(Path.of(home, "models/x.onnx"));
    assertThat(root.path("e", null, null)).isNull();
    assertThat(root.path("none", null, Path.of("x"))).isEqualTo(Path.of("x"));

    assertThat(problems(root))
        .containsExactly("e: 'a\0b' is not a usable path: Nul character not allowed");
  }

  @Test
  void anEnvironmentVariableIsNamedNeverGiven() {
    ConfigTree root = tree("a: SHARPEYES_MQTT_PASSWORD\nb: \"s3cret!\"\n");

    assertThat(root.envName("a")).isEqualTo("SHARPEYES_MQTT_PASSWORD");
    assertThat(root.envName("b")).isNull();
    assertThat(root.envName("none")).isNull();

    assertThat(problems(root))
        .containsExactly(
            "b: 's3cret!' is not an environment variable name — write the NAME of the variable"
                + " that holds the secret (e.g. SHARPEYES_MQTT_PASSWORD), never the secret itself");
  }

  @Test
  void aMissingKeyAndAnExplicitNullAreTheSame() {
    ConfigTree root = tree("a: null\nb: ~\n");

    assertThat(root.has("a")).isFalse();
    assertThat(root.integer("a", 3, 0, 5)).isEqualTo(3);
    assertThat(root.duration("b", Duration.ofSeconds(1), MIN, MAX)).hasSeconds(1);
    assertThat(root.problems()).isEmpty();
  }

  @Test
  void aProblemAboutAMappingAsAWholeIsAtItsPathOrAtTheFile() {
    ConfigTree root = tree("walkers:\n  - { photo: a.jpg }\n");

    root.list("walkers").get(0).problem("leaves after the loop ends");
    root.problem("the file is empty");

    assertThat(problems(root))
        .containsExactly("walkers[0]: leaves after the loop ends", "$: the file is empty");
  }
}
