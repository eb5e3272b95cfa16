package org.sharpeyes.ingest.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sharpeyes.ingest.reference.DemoCity;
import org.sharpeyes.ingest.reference.DeviceLocation;
import org.sharpeyes.ingest.reference.Severity;
import org.sharpeyes.ingest.rule.AlertCandidate;
import org.sharpeyes.ingest.rule.SubjectType;

/** Behaviour of {@link AlertStore}, run against each database the server supports. */
abstract class AlertStoreContract {

  static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

  private TestDatabase db;
  private AlertStore store;

  abstract TestDatabase open();

  @BeforeEach
  void createStore() {
    db = open();
    store =
        new AlertStore(
            db.dataSource(), Clock.fixed(T0, ZoneOffset.UTC), () -> UUID.randomUUID().toString());
  }

  @AfterEach
  void dropDatabase() throws SQLException {
    db.close();
  }

  @Test
  void threeSightingsOfOnePlateFoldIntoOneAlertWithCountThree() throws SQLException {
    AlertChange first = store.record(plate("湘J38J91"), wuling(), "e1", T0);
    AlertChange second = store.record(plate("湘J38J91"), wuling(), "e2", T0.plusSeconds(60));
    AlertChange third = store.record(plate("湘J38J91"), dingcheng(), "e3", T0.plusSeconds(120));

    assertThat(List.of(first.kind(), second.kind(), third.kind()))
        .containsExactly(AlertChange.Kind.RAISED, AlertChange.Kind.FOLDED, AlertChange.Kind.FOLDED);
    List<Alert> all = store.find(AlertFilter.all(100));
    assertThat(all).hasSize(1);
    Alert alert = all.get(0);
    assertThat(alert.id()).isEqualTo(first.alert().id());
    assertThat(alert.count()).isEqualTo(3);
    assertThat(alert.version()).isEqualTo(3);
    assertThat(alert.state()).isEqualTo(AlertState.NEW);
    assertThat(alert.firstSeen()).isEqualTo(T0);
    assertThat(alert.lastSeen()).isEqualTo(T0.plusSeconds(120));
    assertThat(alert.firstEventId()).isEqualTo("e1");
    assertThat(alert.lastEventId()).isEqualTo("e3");
    assertThat(alert.regionPath()).isEqualTo("/430700/430702/430702002/430702002001/");
    assertThat(alert).isEqualTo(third.alert());
    assertThat(store.evidence(alert.id(), 10))
        .extracting(Evidence::eventId)
        .containsExactly("e3", "e2", "e1");
  }

  @Test
  void aBatchOfSightingsRaisesAndFoldsAsIfRecordedOneByOne() throws SQLException {
    List<AlertChange> changes =
        store.recordAll(
            List.of(
                new AlertStore.Sighting(plate("湘J38J91"), wuling(), "b1", T0),
                new AlertStore.Sighting(plate("湘JVH636"), wuling(), "b2", T0.plusSeconds(1)),
                new AlertStore.Sighting(plate("湘J38J91"), wuling(), "b3", T0.plusSeconds(2)),
                new AlertStore.Sighting(plate("湘J38J91"), wuling(), "b3", T0.plusSeconds(2))));

    assertThat(changes)
        .extracting(AlertChange::kind)
        .containsExactly(
            AlertChange.Kind.RAISED,
            AlertChange.Kind.RAISED,
            AlertChange.Kind.FOLDED,
            AlertChange.Kind.ALREADY_RECORDED);
    List<Alert> all = store.find(AlertFilter.all(100));
    assertThat(all).hasSize(2);
    assertThat(all)
        .filteredOn(a -> a.subjectKey().equals("湘J38J91"))
        .singleElement()
        .satisfies(a -> assertThat(a.count()).isEqualTo(2));
  }

  @Test
  void theSameEventRecordedTwiceCountsOnce() throws SQLException {
    store.record(plate("湘J38J91"), wuling(), "e1", T0);
    AlertChange again = store.record(plate("湘J38J91"), wuling(), "e1", T0);

    assertThat(again.kind()).isEqualTo(AlertChange.Kind.ALREADY_RECORDED);
    assertThat(store.get(again.alert().id()).orElseThrow().count()).isEqualTo(1);
  }

  @Test
  void lateSightingKeepsTheEarliestAndLatestTimes() throws SQLException {
    store.record(plate("湘J38J91"), wuling(), "e2", T0.plusSeconds(60));
    Alert alert = store.record(plate("湘J38J91"), wuling(), "e1", T0).alert();

    assertThat(alert.firstSeen()).isEqualTo(T0);
    assertThat(alert.firstEventId()).isEqualTo("e1");
    assertThat(alert.lastSeen()).isEqualTo(T0.plusSeconds(60));
    assertThat(alert.lastEventId()).isEqualTo("e2");
  }

  @Test
  void aResolvedAlertTakesNoMoreSightingsAndTheNextRaisesANewAlert() throws SQLException {
    Alert first = store.record(plate("湘J38J91"), wuling(), "e1", T0).alert();
    assertThat(store.transition(first.id(), AlertState.RESOLVED).orElseThrow().state())
        .isEqualTo(AlertState.RESOLVED);

    AlertChange next = store.record(plate("湘J38J91"), wuling(), "e2", T0.plusSeconds(60));

    assertThat(next.kind()).isEqualTo(AlertChange.Kind.RAISED);
    assertThat(next.alert().id()).isNotEqualTo(first.id());
    assertThat(store.get(first.id()).orElseThrow().count()).isEqualTo(1);
    assertThat(store.transition(first.id(), AlertState.ACKNOWLEDGED).orElseThrow().state())
        .as("a closed alert stays closed")
        .isEqualTo(AlertState.RESOLVED);
  }

  @Test
  void concurrentSightingsOfOneSubjectMakeOneAlertAndLoseNoCount() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<AlertChange>> results = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String eventId = "e" + i;
        Instant seen = T0.plusSeconds(i);
        results.add(pool.submit(() -> store.record(plate("湘J38J91"), wuling(), eventId, seen)));
      }
      for (Future<AlertChange> r : results) {
        r.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    List<Alert> all = store.find(AlertFilter.all(100));
    assertThat(all).hasSize(1);
    assertThat(all.get(0).count()).isEqualTo(40);
    assertThat(store.evidence(all.get(0).id(), 100)).hasSize(40);
  }

  @Test
  void listFiltersByRegionSubtreeSeverityStateAndTime() throws SQLException {
    Alert wulingCritical = store.record(plate("湘J38J91"), wuling(), "e1", T0).alert();
    Alert dingchengHigh =
        store
            .record(plate("湘J3B924", Severity.HIGH), dingcheng(), "e2", T0.plusSeconds(3600))
            .alert();
    Alert wulingLow =
        store.record(plate("湘J77290", Severity.LOW), wuling(), "e3", T0.plusSeconds(7200)).alert();
    store.transition(wulingLow.id(), AlertState.ACKNOWLEDGED);

    assertThat(ids(filter(Set.of(), Set.of(), "430702", null, null, 100)))
        .containsExactly(wulingLow.id(), wulingCritical.id());
    assertThat(ids(filter(Set.of(), Set.of(), "430702002001", null, null, 100)))
        .containsExactly(wulingLow.id(), wulingCritical.id());
    assertThat(ids(filter(Set.of(), Set.of(), "430700", null, null, 100))).hasSize(3);
    assertThat(ids(filter(Set.of(), Set.of(), "430725", null, null, 100))).isEmpty();
    assertThat(ids(filter(Set.of(), Set.of(Severity.HIGH), null, null, null, 100)))
        .containsExactly(dingchengHigh.id());
    assertThat(ids(filter(Set.of(AlertState.NEW), Set.of(), null, null, null, 100)))
        .containsExactly(dingchengHigh.id(), wulingCritical.id());
    assertThat(ids(filter(Set.of(), Set.of(), null, T0.plusSeconds(1), T0.plusSeconds(7200), 100)))
        .containsExactly(dingchengHigh.id());
    assertThat(ids(filter(Set.of(), Set.of(), null, null, null, 2)))
        .containsExactly(wulingLow.id(), dingchengHigh.id());
  }

  private List<String> ids(AlertFilter filter) throws SQLException {
    return store.find(filter).stream().map(Alert::id).toList();
  }

  private static AlertFilter filter(
      Set<AlertState> states,
      Set<Severity> severities,
      String region,
      Instant since,
      Instant until,
      int limit) {
    return new AlertFilter(states, severities, region, since, until, limit);
  }

  static AlertCandidate plate(String plate) {
    return plate(plate, Severity.CRITICAL);
  }

  static AlertCandidate plate(String plate, Severity severity) {
    return new AlertCandidate(
        "plate-hotlist", severity, SubjectType.PLATE, plate, plate, null, plate, "涉案车辆");
  }

  static AlertLocation wuling() {
    return location("43070200001320000101");
  }

  static AlertLocation dingcheng() {
    return location("43070300001320000101");
  }

  private static AlertLocation location(String deviceId) {
    DeviceLocation l = DemoCity.data().locate(deviceId).orElseThrow();
    return new AlertLocation(deviceId, l.grid().code(), l.grid().villageCode(), l.regionPath());
  }
}
