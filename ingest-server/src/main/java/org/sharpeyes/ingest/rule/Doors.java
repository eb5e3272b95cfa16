package org.sharpeyes.ingest.rule;

import org.sharpeyes.ingest.reference.Device;
import org.sharpeyes.ingest.reference.ReferenceData;

/** How access alerts name a door: its name and site from the devices file, else its id. */
final class Doors {

  private Doors() {}

  static String label(ReferenceData reference, String doorId) {
    return reference.device(doorId).map(Doors::label).orElse("door " + doorId);
  }

  private static String label(Device d) {
    String name = d.name() == null || d.name().isBlank() ? "door " + d.id() : d.name();
    return d.site() == null || d.site().isBlank() ? name : name + " (" + d.site() + ")";
  }
}
