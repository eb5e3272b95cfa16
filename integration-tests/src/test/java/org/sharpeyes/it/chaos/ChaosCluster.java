package org.sharpeyes.it.chaos;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The system under chaos, every part a child process on loopback: one Mosquitto, one ingest-server
 * and two edge-agents, each edge with one plate reader of the demo city. Closing it ends every
 * child, whatever state the test is in; a JVM shutdown hook does the same if the test JVM itself is
 * stopped, so no child outlives the build.
 */
final class ChaosCluster implements AutoCloseable {

  /** 火车站卡口 of edge-wuling-01 and 鹤鸣大道卡口 of edge-dingcheng-01 (config/demo-city). */
  static final List<EdgeSite> EDGES =
      List.of(
          new EdgeSite("edge-wuling-01", "43070200001320000101"),
          new EdgeSite("edge-dingcheng-01", "43070300001320000101"));

  /** An edge box and the one plate reader that pushes to it. */
  record EdgeSite(String edgeId, String deviceId) {}

  final MosquittoChild broker;
  final IngestServerChild server;
  final List<EdgeAgentChild> edges;
  private final List<ChildService> all;
  private final Thread reaper;

  /**
   * @param jdbcUrl the store; empty for the server's default H2 file
   */
  ChaosCluster(Path dataDir, Path logDir, Optional<String> jdbcUrl, Path referenceData)
      throws IOException {
    LoopbackHttp http = new LoopbackHttp();
    int[] ports = freePorts(2 + 2 * EDGES.size());
    broker = MosquittoChild.create(dataDir.resolve("mosquitto"), logDir, ports[0]);
    server =
        IngestServerChild.create(
            dataDir.resolve("ingest-server"),
            logDir,
            ports[1],
            broker.url(),
            jdbcUrl,
            referenceData,
            http);
    List<EdgeAgentChild> agents = new ArrayList<>();
    for (int i = 0; i < EDGES.size(); i++) {
      agents.add(
          EdgeAgentChild.create(
              EDGES.get(i).edgeId(),
              EDGES.get(i).deviceId(),
              dataDir.resolve("edges"),
              logDir,
              broker.url(),
              ports[2 + 2 * i],
              ports[3 + 2 * i],
              http));
    }
    edges = List.copyOf(agents);
    List<ChildService> children = new ArrayList<>(List.of(broker, server));
    children.addAll(edges);
    all = List.copyOf(children);
    reaper = new Thread(this::closeChildren, "chaos-child-reaper");
    Runtime.getRuntime().addShutdownHook(reaper);
  }

  /** Starts the broker, then the server, then the edges, each once it is ready. */
  void start() throws IOException {
    broker.start();
    server.start();
    for (EdgeAgentChild edge : edges) {
      edge.start();
    }
  }

  /** Stops everything cleanly (SIGTERM): the edges, the server, then the broker. */
  void stop() throws InterruptedException {
    for (EdgeAgentChild edge : edges) {
      edge.stop();
    }
    server.stop();
    broker.stop();
  }

  @Override
  public void close() {
    closeChildren();
    try {
      Runtime.getRuntime().removeShutdownHook(reaper);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down; the hook runs anyway
    }
  }

  private void closeChildren() {
    for (ChildService child : all) {
      child.close();
    }
  }

  /** Distinct free loopback ports, all held open until every one is found. */
  private static int[] freePorts(int count) throws IOException {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        sockets.add(s);
        ports[i] = s.getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket s : sockets) {
        s.close();
      }
    }
  }
}
