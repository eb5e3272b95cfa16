package org.sharpeyes.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.sharpeyes.ingest.access.Role;
import org.sharpeyes.ingest.auth.PersonalData.View;

class PersonalDataTest {

  @Test
  void namesKeepTheirFirstCharacterAndFromThreeOnTheirLast() {
    assertThat(PersonalData.maskName("王军")).isEqualTo("王*");
    assertThat(PersonalData.maskName("王建军")).isEqualTo("王*军");
    assertThat(PersonalData.maskName("欧阳振华")).isEqualTo("欧**华");
    assertThat(PersonalData.maskName("王")).isEqualTo("*");
    assertThat(PersonalData.maskName("𠀀𠀁𠀂")).isEqualTo("𠀀*𠀂");
  }

  @Test
  void idNumbersAreWholeMaskedOrAbsentByView() {
    String id = "430702197506070675";

    assertThat(PersonalData.putIdNumber(new JsonObject(), "n", id, View.FULL).getString("n"))
        .isEqualTo(id);
    assertThat(PersonalData.putIdNumber(new JsonObject(), "n", id, View.MASKED).getString("n"))
        .isEqualTo("430702********0675");
    assertThat(PersonalData.putIdNumber(new JsonObject(), "n", id, View.NONE).containsKey("n"))
        .isFalse();
  }

  @Test
  void anIntegratorSeesNoPersonalDataWhateverItsClearance() {
    assertThat(View.of(TestTokens.caller("feed", Role.INTEGRATOR, "430700"))).isEqualTo(View.NONE);
    assertThat(View.of(TestTokens.masked("desk", Role.OPERATOR, "430700"))).isEqualTo(View.MASKED);
    assertThat(View.of(TestTokens.caller("sup", Role.SUPERVISOR, "430700"))).isEqualTo(View.FULL);
  }

  @Test
  void aFaceEventLosesItsCropAndEmbeddingBelowFullClearanceButAPlateReadKeepsItsSnapshot() {
    JsonObject face =
        new JsonObject()
            .put(
                "data",
                new JsonObject()
                    .put("snapshot", new JsonObject())
                    .put("embedding", new JsonObject()));
    JsonObject plate =
        new JsonObject().put("data", new JsonObject().put("snapshot", new JsonObject()));

    PersonalData.event("face.captured", face, View.MASKED);
    PersonalData.event("vehicle.sighted", plate, View.MASKED);

    assertThat(face.getJsonObject("data").fieldNames()).containsExactly("photosWithheld");
    assertThat(plate.getJsonObject("data").containsKey("snapshot")).isTrue();
  }
}
