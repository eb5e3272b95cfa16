package org.sharpeyes.sims.sse;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.sharpeyes.runtime.NamedThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one Server-Sent Events stream with {@code java.net.http}, line by line on its own reader
 * thread, and hands each event to a handler. It does not reconnect: a load run needs to know that
 * its stream broke, not to paper over it. State goes CONNECTING → OPEN → CLOSED, or → FAILED when
 * the connection is refused, the answer is not 200, or the stream breaks while nobody closed it.
 */
public final class SseClient implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SseClient.class);

  /** Connection state. */
  public enum State {
    NEW,
    CONNECTING,
    OPEN,
    CLOSED,
    FAILED
  }

  private final HttpClient http;
  private final URI uri;
  private final ExecutorService reader;
  private final boolean ownsReader;
  private final Consumer<SseEvent> handler;
  private final int maxEventChars;
  private final String authorization;

  private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
  private final CompletableFuture<Void> opened = new CompletableFuture<>();
  private final CompletableFuture<Void> ended = new CompletableFuture<>();
  private final LongAdder events = new LongAdder();
  private final LongAdder handlerFailures = new LongAdder();
  private final Set<String> loggedFailures = ConcurrentHashMap.newKeySet();
  private volatile CompletableFuture<HttpResponse<Stream<String>>> exchange;
  private volatile Stream<String> lines;
  private volatile boolean closing;
  private volatile long oversizedEvents;
  private volatile Throwable failure;

  /**
   * @param reader runs the blocking read loop; the caller keeps ownership, or pass {@code null} for
   *     a thread of the client's own (shut down on {@link #close()})
   * @param handler called on the reader thread for every event, in stream order; exceptions are
   *     logged and counted
   */
  public SseClient(
      HttpClient http,
      URI uri,
      ExecutorService reader,
      Consumer<SseEvent> handler,
      int maxEventChars) {
    this(http, uri, reader, handler, maxEventChars, null);
  }

  /**
   * A client that sends {@code authorization} as the Authorization header, e.g. {@code Bearer eyJ…}
   * for an ingest-server that requires a token.
   *
   * @param authorization the header's value, or {@code null} to send none
   */
  public SseClient(
      HttpClient http,
      URI uri,
      ExecutorService reader,
      Consumer<SseEvent> handler,
      int maxEventChars,
      String authorization) {
    this.authorization = authorization;
    this.http = Objects.requireNonNull(http, "http");
    this.uri = Objects.requireNonNull(uri, "uri");
    this.ownsReader = reader == null;
    this.reader =
        ownsReader ? Executors.newSingleThreadExecutor(NamedThreads.daemon("sse-reader")) : reader;
    this.handler = Objects.requireNonNull(handler, "handler");
    this.maxEventChars = maxEventChars;
  }

  /**
   * Opens the stream. The returned future completes when the server has answered 200 (events may
   * arrive from then on) and fails when it refuses.
   */
  public CompletableFuture<Void> connect() {
    if (!state.compareAndSet(State.NEW, State.CONNECTING)) {
      throw new IllegalStateException("an SSE client connects once; create a new one");
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .header("Accept", "text/event-stream")
            .header("Cache-Control", "no-cache")
            .GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    exchange = http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
    exchange.whenComplete(this::onResponse);
    return opened;
  }

  private void onResponse(HttpResponse<Stream<String>> response, Throwable error) {
    if (error != null) {
      Throwable cause =
          error instanceof CompletionException && error.getCause() != null
              ? error.getCause()
              : error;
      fail(cause);
      return;
    }
    Stream<String> body = response.body();
    if (response.statusCode() != 200) {
      body.close();
      fail(
          new IOException(
              "alert stream " + uri + " answered " + response.statusCode() + ", expected 200"));
      return;
    }
    String contentType = response.headers().firstValue("Content-Type").orElse("");
    if (!contentType.startsWith("text/event-stream")) {
      log.warn(
          "alert stream {} has content type '{}', expected text/event-stream", uri, contentType);
    }
    lines = body;
    if (closing || !state.compareAndSet(State.CONNECTING, State.OPEN)) {
      body.close();
      fail(null);
      return;
    }
    opened.complete(null);
    try {
      reader.execute(() -> read(body));
    } catch (RuntimeException e) {
      body.close();
      fail(e);
    }
  }

  private void read(Stream<String> body) {
    SseLineParser parser = new SseLineParser(maxEventChars);
    try (body) {
      body.forEach(line -> parser.accept(line).ifPresent(this::deliver));
      if (!closing) {
        log.warn("alert stream {} was ended by the server", uri);
      }
      state.set(State.CLOSED);
    } catch (RuntimeException e) {
      // Closing the stream from another thread surfaces here as an UncheckedIOException.
      fail(e);
    } finally {
      oversizedEvents = parser.oversizedEvents();
      ended.complete(null);
    }
  }

  private void deliver(SseEvent event) {
    events.increment();
    try {
      handler.accept(event);
    } catch (RuntimeException e) {
      handlerFailures.increment();
      if (loggedFailures.add(e.getClass().getName())) {
        log.warn("SSE handler failed on a '{}' event from {}", event.type(), uri, e);
      }
    }
  }

  /** Ends the client after an error; errors caused by {@link #close()} itself just mean CLOSED. */
  private void fail(Throwable error) {
    if (closing) {
      state.set(State.CLOSED);
      opened.completeExceptionally(new IOException("alert stream " + uri + " was closed"));
    } else {
      failure = error;
      state.set(State.FAILED);
      log.warn("alert stream {} failed: {}", uri, error.toString());
      opened.completeExceptionally(error);
    }
    ended.complete(null);
  }

  /** Stops reading and releases the connection. Safe to call more than once. */
  @Override
  public void close() {
    closing = true;
    CompletableFuture<?> pending = exchange;
    if (pending != null) {
      pending.cancel(true);
    }
    Stream<String> body = lines;
    if (body != null) {
      body.close();
    }
    if (ownsReader && !reader.shutdownNow().isEmpty()) {
      // The read loop was queued but never ran, so it cannot report its own end.
      ended.complete(null);
    }
    state.updateAndGet(s -> s == State.FAILED ? s : State.CLOSED);
  }

  public State state() {
    return state.get();
  }

  /** Completes when the read loop has ended, for whatever reason. */
  public CompletableFuture<Void> ended() {
    return ended;
  }

  /** Why the stream failed, or {@code null}. */
  public Throwable failure() {
    return failure;
  }

  public long events() {
    return events.sum();
  }

  public long handlerFailures() {
    return handlerFailures.sum();
  }

  /** Events dropped for passing the size limit; final once {@link #ended()} completes. */
  public long oversizedEvents() {
    return oversizedEvents;
  }
}
