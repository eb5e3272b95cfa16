package org.sharpeyes.edge.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sharpeyes.edge.config.EdgeAgentConfigLoader;

/** Where the status endpoints listen: on the box itself unless the file opens them. */
class StatusListenerTest {

  static final String WITHOUT_STATUS =
      """
      edgeId: edge-wuling-01
      broker: { url: tcp://127.0.0.1:1883 }
      devices:
        - id: "43070200001320000101"
          kind: plate-reader
          plateHttp: { port: 0 }
      """;

  private final EventLoopGroup io = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

  @AfterEach
  void release() {
    io.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }

  private static final StatusSource NOTHING =
      new StatusSource() {
        @Override
        public AgentStatus status() {
          throw new UnsupportedOperationException("not asked in this test");
        }

        @Override
        public String scrapeMetrics() {
          return "";
        }
      };

  @Test
  void withoutAStatusSectionTheEndpointsListenOnLoopbackOnly() {
    StatusHttpConfig config = EdgeAgentConfigLoader.parse(WITHOUT_STATUS).orThrow().status();
    StatusHttpServer server =
        new StatusHttpServer(config.withPort(0), io, NOTHING, new SimpleMeterRegistry());
    try {
      server.start();

      assertThat(config.host()).isEqualTo("127.0.0.1");
      assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
    } finally {
      server.close();
    }
  }

  @Test
  void statusHostOpensThemToTheInterfaceNamed() {
    StatusHttpConfig config =
        EdgeAgentConfigLoader.parse(WITHOUT_STATUS + "status: { host: 0.0.0.0, port: 9181 }\n")
            .orThrow()
            .status();

    assertThat(config).isEqualTo(new StatusHttpConfig("0.0.0.0", 9181));
  }
}
