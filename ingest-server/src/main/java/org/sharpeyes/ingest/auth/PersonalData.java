package org.sharpeyes.ingest.auth;

import io.vertx.core.json.JsonObject;
import org.sharpeyes.ingest.access.Clearance;
import org.sharpeyes.ingest.access.Role;
import org.sharpeyes.ingest.reference.ResidentIdNumber;

/**
 * The one place personal data is masked (docs/security.md, "Personal data masking"). Every
 * serializer that writes a key person's name, ID number, enrolment photo link or a face crop link
 * goes through here with the caller's {@link View}:
 *
 * <ul>
 *   <li>{@link View#FULL} (full clearance): everything;
 *   <li>{@link View#MASKED}: names {@code 王*军}, ID numbers {@code 430702********0675}, photo and
 *       face-crop links absent with {@code "photosWithheld": true};
 *   <li>{@link View#NONE} (integrator, whatever its clearance): names masked, ID numbers absent, no
 *       photos at all.
 * </ul>
 *
 * Pure functions; thread-safe.
 */
public final class PersonalData {

  /** The field set true where photo or face-crop links were left out. */
  public static final String PHOTOS_WITHHELD = "photosWithheld";

  /** How much personal data one caller sees. */
  public enum View {
    FULL,
    MASKED,
    NONE;

    public static View of(Principal caller) {
      if (caller.role() == Role.INTEGRATOR) {
        return NONE;
      }
      return caller.clearance() == Clearance.FULL ? FULL : MASKED;
    }

    public boolean photos() {
      return this == FULL;
    }
  }

  private PersonalData() {}

  /** The name as {@code view} may show it. */
  public static String name(String name, View view) {
    return view == View.FULL ? name : maskName(name);
  }

  /**
   * Keeps the first character and, from three characters on, the last: {@code 王*}, {@code 王*军},
   * {@code 欧阳**华}. Counts code points, so a name outside the BMP is not cut in half.
   */
  public static String maskName(String name) {
    if (name == null || name.isEmpty()) {
      return name;
    }
    int[] cps = name.codePoints().toArray();
    if (cps.length == 1) {
      return "*";
    }
    StringBuilder out = new StringBuilder().appendCodePoint(cps[0]);
    int hidden = cps.length == 2 ? 1 : cps.length - 2;
    out.append("*".repeat(hidden));
    if (cps.length > 2) {
      out.appendCodePoint(cps[cps.length - 1]);
    }
    return out.toString();
  }

  /** A text that may contain {@code name} (an alert's subject label) with the name masked. */
  public static String label(String text, String name, View view) {
    if (view == View.FULL || text == null || name == null || name.isEmpty()) {
      return text;
    }
    return text.replace(name, maskName(name));
  }

  /** Puts the ID number as {@code view} may show it: whole, masked, or not at all. */
  public static JsonObject putIdNumber(JsonObject json, String key, String idNumber, View view) {
    switch (view) {
      case FULL -> json.put(key, idNumber);
      case MASKED -> json.put(key, ResidentIdNumber.mask(idNumber));
      case NONE -> json.remove(key);
    }
    return json;
  }

  /**
   * Puts a link to an enrolment photo or a face crop when {@code view} may see photos; else leaves
   * it out and sets {@value #PHOTOS_WITHHELD}.
   */
  public static JsonObject putPhotoLink(JsonObject json, String key, Object link, View view) {
    if (view.photos()) {
      return json.put(key, link);
    }
    json.remove(key);
    return json.put(PHOTOS_WITHHELD, true);
  }

  /** True for the events whose snapshot is a face crop (a plate snapshot is not a face). */
  public static boolean isFaceEvent(String kind) {
    return kind != null && kind.startsWith("face.");
  }

  /**
   * Masks a stored event's CloudEvents JSON for {@code view}: a face event keeps its snapshot
   * reference and embedding only for {@link View#FULL}.
   */
  public static JsonObject event(String kind, JsonObject cloudEvent, View view) {
    if (view.photos() || !isFaceEvent(kind) || cloudEvent == null) {
      return cloudEvent;
    }
    JsonObject data = cloudEvent.getJsonObject("data");
    if (data != null) {
      data.remove("embedding");
      putPhotoLink(data, "snapshot", null, view);
    }
    return cloudEvent;
  }
}
