package org.sharpeyes.it.chaos;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One program the chaos test runs as a child process, started again and again with the same
 * command. Its output (stdout and stderr) is appended to one log file across all its lives, each
 * life headed by a marker line, so a failure can be read in order. Thread-safe.
 */
final class ChildProcess implements AutoCloseable {

  private static final Duration KILL_WAIT = Duration.ofSeconds(10);

  private final String name;
  private final List<String> command;
  private final Map<String, String> environment;
  private final Path log;
  private Process process;
  private int starts;

  ChildProcess(String name, List<String> command, Map<String, String> environment, Path log) {
    this.name = name;
    this.command = List.copyOf(command);
    this.environment = Map.copyOf(environment);
    this.log = log;
  }

  /** A Java program from this test's own class path. */
  static List<String> javaCommand(String mainClass, List<String> args) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> prefix =
        List.of(
            java,
            "-Xmx384m",
            "-XX:+UseSerialGC",
            // Restarts must be quick on a small CI machine where five processes share two cores:
            // C1 alone starts faster and leaves more CPU to the others than C1 + C2.
            "-XX:TieredStopAtLevel=1",
            // Several logback.xml are on the shared class path; their status chatter helps nobody.
            "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener",
            // JavaCV's natives (the server checks enrolment photos with OpenCV) unpack where the
            // tests' do, never into ~/.javacpp.
            "-Dorg.bytedeco.javacpp.cachedir="
                + System.getProperty("org.bytedeco.javacpp.cachedir", "target/javacpp-cache"),
            "-cp",
            System.getProperty("java.class.path"),
            mainClass);
    return Stream.concat(prefix.stream(), args.stream()).toList();
  }

  String name() {
    return name;
  }

  /** Starts a new life; the previous one must have ended. */
  synchronized void start() throws IOException {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(name + " is still running (pid " + process.pid() + ")");
    }
    starts++;
    Files.writeString(
        log,
        "=== " + name + " start #" + starts + " at " + Instant.now() + " ===\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(Redirect.appendTo(log.toFile()));
    builder.environment().putAll(environment);
    process = builder.start();
  }

  /** {@code kill -9}: no shutdown hook, no flush, no goodbye. Returns once the process is gone. */
  synchronized void killHard() throws InterruptedException {
    Process p = process;
    if (p == null) {
      return;
    }
    p.destroyForcibly();
    if (!p.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException(name + " (pid " + p.pid() + ") survived kill -9");
    }
  }

  /** {@code SIGTERM}, then {@code kill -9} if it has not ended within {@code grace}. */
  synchronized void stop(Duration grace) throws InterruptedException {
    Process p = process;
    if (p == null || !p.isAlive()) {
      return;
    }
    p.destroy();
    if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
      killHard();
    }
  }

  synchronized boolean alive() {
    return process != null && process.isAlive();
  }

  /** How many lives it has had. */
  synchronized int starts() {
    return starts;
  }

  Path log() {
    return log;
  }

  /** Ends the current life at once, whatever state the test is in. */
  @Override
  public synchronized void close() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
