package org.sharpeyes.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigYamlTest {

  static final Path HERE = Path.of("").toAbsolutePath();

  @TempDir Path dir;

  static ConfigResult<ConfigTree> parse(String yaml) {
    return ConfigYaml.parse(yaml, HERE, ConfigYaml.Limits.DEFAULTS);
  }

  static List<String> problems(ConfigResult<?> result) {
    assertThat(result).isInstanceOf(ConfigResult.Failure.class);
    return result.problems().stream().map(ConfigProblem::toString).toList();
  }

  @Test
  void aFileIsReadIntoATreeWhoseRelativePathsStartAtItsDirectory() throws IOException {
    Path file = Files.writeString(dir.resolve("edge.yaml"), "outbox: { path: data/x.db }\n");

    ConfigTree tree = ConfigYaml.read(file, ConfigYaml.Limits.DEFAULTS).orThrow();

    assertThat(tree.baseDir()).isEqualTo(dir.toAbsolutePath());
    assertThat(tree.section("outbox").path("path", tree.baseDir(), null))
        .isEqualTo(dir.resolve("data/x.db").toAbsolutePath());
  }

  @Test
  void jsonIsYamlToo() {
    assertThat(parse("{\"fps\": 5, \"walkers\": []}").orThrow().integer("fps", null, 1, 30))
        .isEqualTo(5);
  }

  @Test
  void anEmptyFileIsAnEmptyMappingAndTheReaderDecidesWhatThatMeans() {
    assertThat(parse("").orThrow().isEmpty()).isTrue();
    assertThat(parse("# only a comment\n").orThrow().isEmpty()).isTrue();
  }

  @Test
  void aMissingFileAFolderAndAFileThatIsNotUtf8AreOneProblemEach() throws IOException {
    Path binary = Files.write(dir.resolve("b.yaml"), new byte[] {'a', ':', ' ', (byte) 0xC3});

    assertThat(problems(ConfigYaml.read(dir.resolve("none.yaml"), ConfigYaml.Limits.DEFAULTS)))
        .containsExactly("$: file not found");
    assertThat(problems(ConfigYaml.read(dir, ConfigYaml.Limits.DEFAULTS)))
        .containsExactly("$: not a file");
    assertThat(problems(ConfigYaml.read(binary, ConfigYaml.Limits.DEFAULTS)))
        .containsExactly("$: not UTF-8 text — save the file as UTF-8");
  }

  @Test
  void aFileOverTheSizeLimitIsRefusedBeforeItIsRead() throws IOException {
    Path big = Files.writeString(dir.resolve("big.yaml"), "a: " + "x".repeat(2000) + "\n");
    ConfigYaml.Limits small = ConfigYaml.Limits.DEFAULTS.withMaxBytes(1024);

    assertThat(problems(ConfigYaml.read(big, small)))
        .containsExactly("$: the file is 2004 bytes — at most 1KiB is read");
    assertThat(problems(ConfigYaml.parse("a: " + "é".repeat(600), HERE, small)))
        .containsExactly("$: the file is 1203 bytes — at most 1KiB is read");
  }

  @Test
  void brokenYamlIsReportedWithItsLineAndColumnOnOneLine() {
    assertThat(problems(parse("edgeId: a\nbroker: [unclosed\n")))
        .singleElement()
        .asString()
        .startsWith("$: not valid YAML at line 3, column 1: ")
        .doesNotContain("\n");
    assertThat(problems(parse("a: b: c\n")))
        .containsExactly(
            "$: not valid YAML at line 1, column 5: mapping values are not allowed here");
  }

  @Test
  void aDuplicateKeyIsRefusedWithItsLine() {
    assertThat(problems(parse("http:\n  port: 1\n  port: 2\n")))
        .singleElement()
        .asString()
        .startsWith("$: not valid YAML at line 3")
        .contains("Duplicate field 'port'");
  }

  @Test
  void anAliasIsRefusedRatherThanReadAsTheTextOfItsName() {
    assertThat(problems(parse("a: &x {b: 1}\nc: *x\n")))
        .containsExactly("$: line 2: aliases (*x) are not supported — write the value out in full");
  }

  @Test
  void aFileNestedDeeperThanTheLimitIsRefusedWithoutRecursingIntoIt() {
    String deep = "a: " + "[".repeat(5000) + "]".repeat(5000);

    assertThat(problems(parse("a: " + "[".repeat(40) + "]".repeat(40))))
        .containsExactly("$: nested deeper than 32 levels at line 1");
    assertThat(problems(parse(deep))).singleElement().asString().startsWith("$: ");
  }

  @Test
  void aSecondDocumentIsRefusedRatherThanIgnored() {
    assertThat(problems(parse("a: 1\n---\nb: 2\n")))
        .containsExactly("$: more than one YAML document (---) — keep one per file");
  }

  @Test
  void somethingOtherThanAMappingAtTheTopIsRefused() {
    assertThat(problems(parse("- a\n- b\n")))
        .containsExactly("$: expected a mapping of keys (key: value lines), got a list");
    assertThat(problems(parse("hello")))
        .containsExactly("$: expected a mapping of keys (key: value lines), got text 'hello'");
  }
}
