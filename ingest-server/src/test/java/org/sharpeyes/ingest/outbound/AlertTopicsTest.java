package org.sharpeyes.ingest.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AlertTopicsTest {

  @Test
  void anAlertIsPublishedUnderEveryRegionOfItsPlaceSoASubtreeFilterHearsIt() {
    assertThat(AlertTopics.topic("/430700/430702/430702001/430702001002/", AlertEventKind.CREATED))
        .isEqualTo("sharpeyes/v1/alerts/430700/430702/430702001/430702001002/created");
  }

  @Test
  void anAlertOfAnUnplacedDeviceGoesToTheUnplacedTopic() {
    assertThat(AlertTopics.topic("", AlertEventKind.CLOSED))
        .isEqualTo("sharpeyes/v1/alerts/unplaced/closed");
    assertThat(AlertTopics.topic(null, AlertEventKind.UPDATED))
        .isEqualTo("sharpeyes/v1/alerts/unplaced/updated");
    assertThat(AlertTopics.topic("/430700/a+b/", AlertEventKind.UPDATED))
        .isEqualTo("sharpeyes/v1/alerts/unplaced/updated");
  }
}
