package org.sharpeyes.ingest.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.sharpeyes.schema.topic.EdgeStatusMessage;
import org.sharpeyes.schema.topic.EdgeStatusMessage.State;

class EdgePresenceTest {

  private final EdgePresence presence = new EdgePresence(2);

  private boolean status(String edgeId, State state) {
    return presence.update(
        new EdgeStatusMessage(edgeId, state, Instant.EPOCH, "1.0"), Instant.EPOCH);
  }

  @Test
  void lastWillTakesAnOnlineEdgeOffline() {
    status("e1", State.ONLINE);
    status("e2", State.ONLINE);
    status("e1", State.OFFLINE);

    assertThat(presence.online()).containsExactly("e2");
    assertThat(presence.all()).hasSize(2);
  }

  @Test
  void edgesBeyondTheBoundAreNotTrackedButKnownOnesStillUpdate() {
    assertThat(status("e1", State.ONLINE)).isTrue();
    assertThat(status("e2", State.ONLINE)).isTrue();

    assertThat(status("e3", State.ONLINE)).isFalse();
    assertThat(status("e1", State.OFFLINE)).isTrue();

    assertThat(presence.online()).containsExactly("e2");
  }

  @Test
  void countsFollowEveryStatusChangeWithoutListingTheEdges() {
    status("e1", State.ONLINE);
    status("e1", State.ONLINE);
    status("e2", State.OFFLINE);
    assertThat(presence.onlineCount()).isEqualTo(1);
    assertThat(presence.knownCount()).isEqualTo(2);

    status("e2", State.ONLINE);
    status("e1", State.OFFLINE);
    status("e3", State.ONLINE); // beyond the bound: not tracked, not counted

    assertThat(presence.onlineCount()).isEqualTo(1);
    assertThat(presence.knownCount()).isEqualTo(2);
  }
}
