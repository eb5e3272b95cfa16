package org.sharpeyes.sims.cli;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.sharpeyes.schema.topic.Topics;
import org.sharpeyes.sims.load.BacklogSubscriber;
import org.sharpeyes.sims.load.VertxBacklogSubscriber;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code device-sims drain-sub}: a bare QoS 1 subscriber draining a backlog queued for its
 * persistent session ({@code device-sims/drain-bench.sh}), on Paho v3 (the server's client library
 * until issue 14) or on Vert.x MQTT (its intake client since), so that both can be timed side by
 * side.
 */
@Command(
    name = "drain-sub",
    mixinStandardHelpOptions = true,
    description = {
      "Drains N messages queued for a persistent session with a bare QoS 1 subscriber on Paho v3",
      "or, with --client vertx, on Vert.x MQTT (the ingest-server's intake client): each message",
      "acknowledged by hand as it arrives, nothing decoded or stored.",
      "Prints the count, the time from connecting to the last message and the rate.",
      "Exit code 0 when all arrived, 2 on bad input, 3 when the broker failed or fewer",
      "arrived within --timeout."
    })
final class DrainSubCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--broker",
      required = true,
      paramLabel = "URL",
      description = "The broker, e.g. tcp://127.0.0.1:18830.")
  URI broker;

  @Option(names = "--allow-remote", description = "Allow a broker that is not on this machine.")
  boolean allowRemote;

  @Option(
      names = "--client-id",
      required = true,
      paramLabel = "ID",
      description = "The persistent session's client id.")
  String clientId;

  @Option(
      names = "--events",
      paramLabel = "N",
      defaultValue = "200000",
      description = "Messages to drain (default: ${DEFAULT-VALUE}).")
  long events;

  @Option(
      names = "--filter",
      paramLabel = "FILTER",
      description =
          "Topic filter (default: every edge's events, " + "sharpeyes/v1/edge/+/events/+).")
  String filter = Topics.allEvents();

  /** The MQTT client library of the subscriber. */
  enum Client {
    paho,
    vertx
  }

  @Option(
      names = "--client",
      paramLabel = "LIBRARY",
      defaultValue = "paho",
      description = "paho (Paho v3) or vertx (Vert.x MQTT) (default: ${DEFAULT-VALUE}).")
  Client client;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "10m",
      converter = DurationConverter.class,
      description = "Give up when N have not arrived by then (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Override
  public Integer call() throws InterruptedException {
    LoopbackTargets.require(broker, "--broker", allowRemote);
    if (events < 1) {
      throw new IllegalArgumentException("--events must be at least 1, not " + events);
    }
    BacklogSubscriber.Report report =
        switch (client) {
          case paho ->
              new BacklogSubscriber(broker.toString(), clientId, filter, Clock.systemUTC())
                  .drain(events, timeout);
          case vertx ->
              new VertxBacklogSubscriber(broker.toString(), clientId, filter, Clock.systemUTC())
                  .drain(events, timeout);
        };
    spec.commandLine().getOut().println(report.describe());
    return 0;
  }
}
