package org.sharpeyes.ingest.config;

import java.net.URI;

/**
 * The dashboard ({@code dashboard.*}).
 *
 * @param tiles a tile layer under the map, or {@code null}: none (the default, so that the map
 *     works offline with the grid polygons and region outlines alone)
 */
public record DashboardConfig(Tiles tiles) {

  /**
   * An XYZ or WMTS tile layer, e.g. a city's 天地图 (Tianditu) service.
   *
   * @param url with {@code {z}}, {@code {x}}, {@code {y}} (and optionally {@code {s}}) placeholders
   * @param attribution shown in the map's corner (the tile provider's terms usually require it)
   * @param subdomains letters or digits that {@code {s}} takes, e.g. {@code 01234567}
   * @param maxZoom the deepest zoom the service has
   */
  public record Tiles(String url, String attribution, String subdomains, int maxZoom) {

    /** The origins the page must be allowed to load images from (its Content-Security-Policy). */
    public String imageSource() {
      URI u = URI.create(url.replace("{s}", "x").replaceAll("\\{[a-zA-Z]+}", "0"));
      String host =
          url.contains("{s}") ? "*." + u.getHost().replaceFirst("^[^.]*\\.", "") : u.getHost();
      return u.getScheme() + "://" + host + (u.getPort() < 0 ? "" : ":" + u.getPort());
    }
  }

  public static DashboardConfig defaults() {
    return new DashboardConfig(null);
  }
}
