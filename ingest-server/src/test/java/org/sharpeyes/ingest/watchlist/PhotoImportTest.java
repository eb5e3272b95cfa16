package org.sharpeyes.ingest.watchlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PhotoImportTest {

  private static final List<String> IDS = List.of("KP1", "KP12", "KP0003");

  @Test
  void aFileBelongsToTheLongestIdItsNameStartsWithUpToASeparator() {
    assertThat(PhotoImport.personOf("KP12.jpg", IDS)).isEqualTo("KP12");
    assertThat(PhotoImport.personOf("KP12-side.jpg", IDS)).isEqualTo("KP12");
    assertThat(PhotoImport.personOf("KP1_2024.png", IDS)).isEqualTo("KP1");
    assertThat(PhotoImport.personOf("KP0003.front.jpeg", IDS)).isEqualTo("KP0003");
  }

  @Test
  void aFileWhoseNameRunsOnPastAnIdBelongsToNobody() {
    assertThat(PhotoImport.personOf("KP123.jpg", IDS)).isNull();
    assertThat(PhotoImport.personOf("KP0003x.jpg", IDS)).isNull();
    assertThat(PhotoImport.personOf("visitor.jpg", IDS)).isNull();
  }
}
