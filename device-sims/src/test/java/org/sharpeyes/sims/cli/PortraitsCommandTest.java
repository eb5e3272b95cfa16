package org.sharpeyes.sims.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.sims.testing.TestPhotos;
import picocli.CommandLine;

class PortraitsCommandTest {

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = DeviceSimsMain.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void portraitsPrintsOneLinePerPortraitWritten() throws Exception {
    Path photos = Files.createDirectories(dir.resolve("photos"));
    Files.copy(TestPhotos.sample(6), photos.resolve("sample6.jpg"));
    Path portraits = dir.resolve("portraits");

    int exit = run("portraits", "--photos", photos.toString(), "--out", portraits.toString());

    assertThat(exit).as(err.toString()).isZero();
    try (Stream<Path> files = Files.list(portraits)) {
      assertThat(out.toString().lines())
          .hasSize((int) files.count())
          .hasSizeGreaterThanOrEqualTo(2)
          .allSatisfy(line -> assertThat(line).matches(".*sample6-face\\d\\.jpg  face \\d of .*"));
    }
  }

  @Test
  void aFolderWithoutPhotosIsRefused() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));

    int exit = run("portraits", "--photos", empty.toString(), "--out", dir.toString());

    assertThat(exit).isEqualTo(DeviceSimsMain.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("no .jpg, .jpeg or .png photos in " + empty);
  }

  @Test
  void aPhotoWithoutFacesWritesNothingAndSaysSo() {
    Path drawn = TestPhotos.drawnPortrait(dir.resolve("drawn.jpg"));

    int exit = run("portraits", "--photos", drawn.toString(), "--out", dir.resolve("p").toString());

    assertThat(exit).isEqualTo(1);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString()).contains("no portraits written");
  }
}
