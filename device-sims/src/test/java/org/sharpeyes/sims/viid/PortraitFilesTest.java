package org.sharpeyes.sims.viid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortraitFilesTest {

  @TempDir Path dir;

  @Test
  void readsTheJpegsInNameOrderWithTheirSizes() throws Exception {
    Files.write(dir.resolve("b.jpg"), TestJpegs.jpeg(100, 120));
    Files.write(dir.resolve("a.JPEG"), TestJpegs.jpeg(80, 90));
    Files.writeString(dir.resolve("notes.txt"), "not a portrait");

    assertThat(PortraitFiles.read(dir))
        .extracting(Portrait::name, Portrait::width, Portrait::height)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a.JPEG", 80, 90),
            org.assertj.core.groups.Tuple.tuple("b.jpg", 100, 120));
  }

  @Test
  void aFolderWithoutPortraitsOrWithABrokenOneIsRefusedWithTheReason() throws Exception {
    assertThatThrownBy(() -> PortraitFiles.read(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("holds no .jpg or .jpeg file");
    assertThatThrownBy(() -> PortraitFiles.read(dir.resolve("missing")))
        .hasMessageContaining("is not a folder");

    Files.writeString(dir.resolve("broken.jpg"), "these are not JPEG bytes");
    assertThatThrownBy(() -> PortraitFiles.read(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("broken.jpg");
  }
}
