package org.sharpeyes.ingest.auth;

import io.vertx.ext.web.RoutingContext;
import java.util.Collection;
import java.util.Optional;
import org.sharpeyes.ingest.reference.Region;

/**
 * What one caller may see of the region tree: the subtree of its jurisdiction, and nothing else
 * (docs/security.md, "Jurisdiction"). A {@code region} parameter may only narrow it. Data that has
 * no place in the tree (an unknown device, an edge with no known device, a rejected message) is
 * seen only by a city-level caller. Immutable.
 */
public final class Jurisdiction {

  private final Principal caller;
  private final Whereabouts places;

  public Jurisdiction(Principal caller, Whereabouts places) {
    this.caller = caller;
    this.places = places;
  }

  /** The jurisdiction of the request's caller (the route must be behind the {@link AccessGate}). */
  public static Jurisdiction of(RoutingContext ctx, Whereabouts places) {
    return new Jurisdiction(Principal.of(ctx), places);
  }

  public Principal caller() {
    return caller;
  }

  /** The caller's region code. */
  public String code() {
    return caller.jurisdiction();
  }

  /** True when the caller's region is a root of the tree (the city). */
  public boolean cityWide() {
    return places.regions().byCode(code()).map(r -> r.parent() == null).orElse(false);
  }

  /** True when a region or grid cell code lies in the caller's subtree. */
  public boolean covers(String code) {
    return places.regions().isWithin(code, code());
  }

  /** True when a region path ({@code /430700/430702/…/}) runs through the caller's region. */
  public boolean coversPath(String regionPath) {
    return regionPath != null && regionPath.contains("/" + code() + "/");
  }

  /**
   * True when a region path runs through the caller's region, or is empty (an alert of a device the
   * reference data does not place) and the caller is city-wide.
   */
  public boolean seesPath(String regionPath) {
    boolean unplaced = regionPath == null || regionPath.replace("/", "").isEmpty();
    return unplaced ? cityWide() : coversPath(regionPath);
  }

  /**
   * The region to filter a list by: {@code null} (everything, the unplaced too) for a city-wide
   * caller who asked for no region, else the narrowed region.
   */
  public String listFilter(String requested, String narrowed) {
    return requested == null && cityWide() ? null : narrowed;
  }

  /** True when the device stands in the subtree; an unknown device only for a city-wide caller. */
  public boolean coversDevice(String deviceId) {
    return places.pathOfDevice(deviceId).map(this::coversPath).orElseGet(this::cityWide);
  }

  /** True when one of the edge's devices stands in the subtree (unknown edges: city-wide only). */
  public boolean coversEdge(String edgeId) {
    Collection<String> paths = places.pathsOfEdge(edgeId);
    return paths.isEmpty() ? cityWide() : paths.stream().anyMatch(this::coversPath);
  }

  /** True when the key person's home lies in the subtree. */
  public boolean coversPerson(String personId) {
    return places.pathOfPerson(personId).map(this::coversPath).orElse(false);
  }

  /**
   * The region a query is to be answered for: {@code requested} when it lies in the caller's
   * subtree, the caller's own region when it is {@code null}; empty when it lies outside ({@link
   * #outside} says why).
   */
  public Optional<String> narrow(String requested) {
    if (requested == null) {
      return Optional.of(code());
    }
    return covers(requested) ? Optional.of(requested) : Optional.empty();
  }

  /** The reason a {@code region} outside the subtree is refused, for a 403. */
  public String outside(String requested) {
    return "region "
        + requested
        + " is outside the jurisdiction of "
        + caller.name()
        + " ("
        + code()
        + places.regions().byCode(code()).map(Region::name).map(n -> " " + n).orElse("")
        + "); a region parameter may only narrow it";
  }
}
