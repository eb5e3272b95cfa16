package org.sharpeyes.ingest.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.sharpeyes.ingest.alert.Alert;
import org.sharpeyes.ingest.alert.Evidence;
import org.sharpeyes.ingest.auth.PersonalData;
import org.sharpeyes.ingest.auth.PersonalData.View;
import org.sharpeyes.ingest.reference.Device;
import org.sharpeyes.ingest.reference.GridCell;
import org.sharpeyes.ingest.reference.HotlistEntry;
import org.sharpeyes.ingest.reference.KeyPerson;
import org.sharpeyes.ingest.reference.ReferenceData;
import org.sharpeyes.ingest.reference.Region;
import org.sharpeyes.ingest.rule.WatchlistFaceRule;

/**
 * Renders alerts as JSON for the API and the live feed, with the names an operator reads (device,
 * grid cell and worker, region chain). Names, ID numbers and photo links go through {@link
 * PersonalData} with the caller's view. Thread-safe.
 */
public final class AlertJson {

  private final ReferenceData reference;
  private final Clock clock;

  public AlertJson(ReferenceData reference, Clock clock) {
    this.reference = reference;
    this.clock = clock;
  }

  /** The alert as listed and as pushed on the live feed. */
  public JsonObject summary(Alert a, View view) {
    String name = reference.keyPerson(a.personId()).map(KeyPerson::name).orElse(null);
    return new JsonObject()
        .put("id", a.id())
        .put("rule", a.rule())
        .put("severity", a.severity().label())
        .put("state", a.state().label())
        .put(
            "subject",
            new JsonObject()
                .put("type", a.subjectType().label())
                .put("key", a.subjectKey())
                .put("label", PersonalData.label(a.subjectLabel(), name, view)))
        .put("personId", a.personId())
        .put("plate", a.plate())
        .put("reason", a.reason())
        .put("count", a.count())
        .put("firstSeen", text(a.firstSeen()))
        .put("lastSeen", text(a.lastSeen()))
        .put("createdAt", text(a.createdAt()))
        .put("updatedAt", text(a.updatedAt()))
        .put("firstEventId", a.firstEventId())
        .put("lastEventId", a.lastEventId())
        .put("version", a.version())
        .put("device", device(a.deviceId()))
        .put("grid", grid(a.gridCode()))
        .put("regionPath", a.regionPath())
        .put("regions", regions(a.regionPath()));
  }

  /**
   * The alert with its latest evidence, the person card when a key person is concerned, and the
   * hotlist entry that applies now when the plate is listed.
   */
  JsonObject detail(Alert a, List<Evidence> evidence, View view) {
    JsonArray ev = new JsonArray();
    boolean faces = WatchlistFaceRule.ID.equals(a.rule());
    evidence.forEach(
        e -> {
          JsonObject item =
              new JsonObject().put("eventId", e.eventId()).put("seenAt", text(e.seenAt()));
          String link = "/api/events/" + e.eventId() + "/snapshot";
          // a face match's snapshot is a face crop; a plate read's is not
          ev.add(
              faces
                  ? PersonalData.putPhotoLink(item, "snapshot", link, view)
                  : item.put("snapshot", link));
        });
    JsonObject json = summary(a, view).put("evidence", ev);
    reference.keyPerson(a.personId()).ifPresent(p -> json.put("person", personCard(p, view)));
    if (a.plate() != null) {
      Optional<HotlistEntry> entry = reference.plates().activeEntry(a.plate(), clock.instant());
      entry.ifPresent(e -> json.put("hotlist", hotlist(e)));
    }
    return json;
  }

  static JsonObject personCard(KeyPerson p, View view) {
    JsonObject card =
        new JsonObject().put("id", p.id()).put("name", PersonalData.name(p.name(), view));
    PersonalData.putIdNumber(card, "idNumber", p.idNumber(), view)
        .put("categories", new JsonArray(List.copyOf(p.categories())))
        .put("riskLevel", p.riskLevel().label())
        .put("homeGrid", p.homeGrid())
        .put("plates", new JsonArray(List.copyOf(p.plates())));
    return PersonalData.putPhotoLink(
        card, "photos", "/api/key-persons/" + p.id() + "/photos", view);
  }

  private static JsonObject hotlist(HotlistEntry e) {
    return new JsonObject()
        .put("plate", e.plate())
        .put("reason", e.reason())
        .put("severity", e.severity().label())
        .put("validFrom", text(e.validFrom()))
        .put("validTo", text(e.validTo()));
  }

  private JsonObject device(String id) {
    Optional<Device> known = reference.device(id);
    if (known.isEmpty()) {
      return new JsonObject().put("id", id).put("known", false);
    }
    Device d = known.get();
    return new JsonObject()
        .put("id", d.id())
        .put("known", true)
        .put("name", d.name())
        .put("kind", d.kind())
        .put("edgeId", d.edgeId())
        .put("site", d.site())
        .put("lat", d.lat())
        .put("lon", d.lon());
  }

  private JsonObject grid(String code) {
    Optional<GridCell> cell = reference.grids().byCode(code);
    return cell.map(
            c ->
                new JsonObject()
                    .put("code", c.code())
                    .put("name", c.name())
                    .put("worker", c.gridWorker()))
        .orElse(null);
  }

  private JsonArray regions(String path) {
    JsonArray chain = new JsonArray();
    for (String code : path.split("/")) {
      if (code.isEmpty()) {
        continue;
      }
      Optional<Region> r = reference.regions().byCode(code);
      chain.add(
          new JsonObject()
              .put("code", code)
              .put("name", r.map(Region::name).orElse(null))
              .put("level", r.map(x -> x.level().name()).orElse(null)));
    }
    return chain;
  }

  private static String text(Instant t) {
    return t == null ? null : t.toString();
  }
}
