package org.sharpeyes.schema.plate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlateHotlistIndexTest {

  final PlateHotlistIndex<String> index =
      PlateHotlistIndex.<String>builder()
          .add("湘J38J91", "stolen")
          .add("湘JB1234", "wanted")
          .add("湘DQ5S21", "cloned")
          .add("湘J?2345", "one unknown")
          .add("湘JF*", "new energy F")
          .build();

  @Test
  void theListedPlateMatchesExactlyInAnyWriting() {
    List<PlateMatch<String>> m = index.match("湘j·38j91", false);

    assertThat(m).singleElement().satisfies(x -> assertThat(x.describe()).isEqualTo("exact"));
    assertThat(m.get(0).value()).isEqualTo("stolen");
  }

  @Test
  void aDigitReadForALookalikeLetterInTheSerialMatchesFuzzilySayingWhere() {
    List<PlateMatch<String>> m = index.match("湘J81234", false);

    assertThat(m).extracting(PlateMatch::value).containsExactly("wanted");
    assertThat(m.get(0).describe()).isEqualTo("fuzzy (position 3: read 8, listed B)");
  }

  @Test
  void theAuthorityPositionFoldsOnlyToLettersTheGrammarPermits() {
    assertThat(index.match("湘QQ5S21", false).get(0).describe())
        .isEqualTo("fuzzy (position 2: read Q, listed D)");
    assertThat(index.match("湘D05521", false).get(0).describe())
        .isEqualTo("fuzzy (position 3: read 0, listed Q; position 5: read 5, listed S)");
    // two lookalikes at once are still a fuzzy match (I is never issued but readers send it)
    assertThat(index.match("湘J3BJ9I", false).get(0).describe())
        .isEqualTo("fuzzy (position 4: read B, listed 8; position 7: read I, listed 1)");
  }

  @Test
  void anOtherCharacterMatchesOnlyWhenTheReaderWasUnsure() {
    assertThat(index.match("湘J38J97", false)).isEmpty();
    assertThat(index.match("湘J38J97", true).get(0).describe())
        .isEqualTo("fuzzy (position 7: read 7, listed 1 (misread))");
    assertThat(index.match("湘J38K97", true)).extracting(PlateMatch::value).doesNotContain("stolen");
  }

  @Test
  void anUnreadProvinceIsAWildcardAndAMisreadOneNeedsLowConfidence() {
    assertThat(index.match("?J38J91", false).get(0).describe())
        .isEqualTo("fuzzy (position 1: province not read, listed 湘)");
    assertThat(index.match("J38J91", false))
        .extracting(PlateMatch::value)
        .containsExactly("stolen");
    assertThat(index.match("渝J38J91", false)).isEmpty();
    assertThat(index.match("渝J38J91", true))
        .extracting(PlateMatch::value)
        .containsExactly("stolen");
  }

  @Test
  void patternsMatchTheirWildcardsExactly() {
    assertThat(index.match("湘J72345", false))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.value()).isEqualTo("one unknown");
              assertThat(m.listing()).isEqualTo("湘J?2345");
              assertThat(m.exact()).isTrue();
            });
    assertThat(index.match("湘JF12345", false))
        .extracting(PlateMatch::value)
        .containsExactly("new energy F");
    assertThat(index.match("湘JFA1234", false))
        .extracting(PlateMatch::value)
        .containsExactly("new energy F");
    assertThat(index.match("湘JE12345", false)).isEmpty();
    assertThat(index.match("湘JE12345", true))
        .extracting(PlateMatch::value)
        .containsExactly("new energy F");
    assertThat(index.match("湘J7Z345", false).get(0).describe())
        .isEqualTo("fuzzy (position 4: read Z, listed 2)");
  }

  @Test
  void exactMatchesComeFirst() {
    PlateHotlistIndex<String> two =
        PlateHotlistIndex.<String>builder()
            .add("湘JB1234", "letter")
            .add("湘J81234", "digit")
            .build();

    assertThat(two.match("湘J81234", false))
        .extracting(PlateMatch::value)
        .containsExactly("digit", "letter");
  }

  @Test
  void listingsThatAreNeitherPlatesNorPatternsAreRefusedWithTheReason() {
    assertThat(PlateHotlistIndex.listingProblem("湘J*12"))
        .isEqualTo("'湘J*12': * stands for the rest of the plate and may only come last");
    assertThat(PlateHotlistIndex.listingProblem("湘*")).contains("at least 3 fixed characters");
    assertThat(PlateHotlistIndex.listingProblem("湘I?234")).contains("not 'I'");
    assertThat(PlateHotlistIndex.listingProblem("湘J?23")).contains("7 or 8 characters");
    assertThat(PlateHotlistIndex.listingProblem("湘I12345"))
        .isEqualTo("'湘I12345': the issuing-authority letter cannot be I");
    assertThat(PlateHotlistIndex.listingProblem("?J12345")).isNull();
    assertThatThrownBy(() -> PlateHotlistIndex.<String>builder().add("湘JO*", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(index.match("", true)).isEmpty();
  }
}
