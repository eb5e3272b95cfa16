package org.sharpeyes.sims.plate;

/**
 * One plate chosen for one read.
 *
 * @param plate the normalised plate, as the server should see it
 * @param raw the plate as the simulated reader writes it (differs from {@code plate} only with raw
 *     styles on)
 * @param hot the hotlist or key-person entry this plate was drawn from, or {@code null} for
 *     ordinary traffic
 */
public record PlateDraw(String plate, String raw, HotPlate hot) {

  public boolean isHot() {
    return hot != null;
  }
}
