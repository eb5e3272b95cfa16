package org.sharpeyes.schema.plate;

/** Outcome of {@link PlateNumber#parse}: a plate, or a refusal with the reason in words. */
public sealed interface PlateParse {

  /** The text is a plate by the national grammar. */
  record Parsed(PlateNumber plate) implements PlateParse {}

  /**
   * The text is not a plate.
   *
   * @param input the text as given to {@link PlateNumber#parse}
   * @param reason what is wrong, e.g. {@code the issuing-authority letter cannot be I}
   */
  record Refused(String input, String reason) implements PlateParse {
    /** The input and the reason in one line: {@code '湘I12345': the issuing-authority ...}. */
    public String message() {
      return "'" + input + "': " + reason;
    }
  }
}
