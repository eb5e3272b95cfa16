package org.sharpeyes.schema.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sharpeyes.schema.event.EventType;

class TopicsTest {

  @Test
  void everyBuiltTopicParsesBackToWhatBuiltIt() {
    for (EventType type : EventType.values()) {
      String topic = Topics.events("edge-1", type);
      assertThat(Topics.parse(topic)).contains(new TopicAddress.Events("edge-1", type));
    }
    assertThat(Topics.parse(Topics.snapshot("edge-1", "0193a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b")))
        .contains(new TopicAddress.Snapshot("edge-1", "0193a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b"));
    assertThat(Topics.parse(Topics.status("edge-1"))).contains(new TopicAddress.Status("edge-1"));
    assertThat(Topics.parse(Topics.sync("edge-1", "watchlist")))
        .contains(new TopicAddress.Sync("edge-1", "watchlist"));
    java.util.List<String> place = java.util.List.of("430700", "430702", "430702001");
    assertThat(Topics.parse(Topics.alert(place, "escalated")))
        .contains(new TopicAddress.Alerts(place, "escalated"));
    assertThat(Topics.alert(java.util.List.of(), "created"))
        .isEqualTo("sharpeyes/v1/alerts/unplaced/created");
    assertThat(Topics.parse("sharpeyes/v1/alerts/unplaced/created"))
        .contains(new TopicAddress.Alerts(java.util.List.of(), "created"));
    assertThat(Topics.alertsUnder(java.util.List.of("430700", "430702")))
        .isEqualTo("sharpeyes/v1/alerts/430700/430702/#");
    String sha = "0123456789abcdef".repeat(4);
    assertThat(Topics.parse(Topics.watchlistPhoto(sha)))
        .contains(new TopicAddress.WatchlistPhoto(sha));
  }

  @Test
  void topicsFollowTheDocumentedLayout() {
    assertThat(Topics.events("edge-wuling-01", EventType.VEHICLE_SIGHTED))
        .isEqualTo("sharpeyes/v1/edge/edge-wuling-01/events/vehicle.sighted");
    assertThat(Topics.status("edge-wuling-01"))
        .isEqualTo("sharpeyes/v1/edge/edge-wuling-01/status");
    assertThat(Topics.allEvents()).isEqualTo("sharpeyes/v1/edge/+/events/+");
  }

  @Test
  void foreignOrMalformedTopicsDoNotParse() {
    for (String t :
        new String[] {
          "other/v1/edge/e/status",
          "sharpeyes/v2/edge/e/status",
          "sharpeyes/v1/edge/e/events/drone.sighted",
          "sharpeyes/v1/edge/e/events",
          "sharpeyes/v1/edge/e/events/vehicle.sighted/extra",
          "sharpeyes/v1/edge/bad+id/status",
          "sharpeyes/v1/alerts/abc",
          "sharpeyes/v1/watchlist/photos/ABCDEF",
          "sharpeyes/v1/watchlist/photos",
          "",
        }) {
      assertThat(Topics.parse(t)).as(t).isEqualTo(Optional.empty());
    }
    assertThat(Topics.parse(null)).isEmpty();
  }

  @Test
  void edgeIdsThatWouldBreakTopicLevelsAreRefused() {
    assertThatThrownBy(() -> Topics.status("a/b")).hasMessageContaining("edge id 'a/b'");
    assertThatThrownBy(() -> Topics.status("#")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Topics.events("", EventType.DOOR_STATE))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
