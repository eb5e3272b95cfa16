// The live alert feed read with fetch() and a ReadableStream, because EventSource cannot send the
// Authorization header. Parses text/event-stream (event:, data:, id:, retry:, comments) as the
// HTML standard says, reconnects with capped exponential backoff and jitter, and reports its state
// as the feed badge shows it: connecting, open, reconnecting, closed.
//
// The server does not resume from Last-Event-ID (its ids are alert ids, not a sequence), so every
// (re)connection calls onOpen, where the page reloads the recent alerts to fill any gap.

import { authFetch, problemText } from "./session.js";

const FIRST_DELAY_MS = 1_000;
const MAX_DELAY_MS = 60_000;
const SILENCE_LIMIT_MS = 45_000; // the server sends a heartbeat comment every 15 s

export class LiveFeed {
  /**
   * @param url the stream's address, with its query
   * @param handlers onEvent(type, data, id), onState(state, reason), onOpen()
   */
  constructor(url, handlers) {
    this.url = url;
    this.handlers = handlers;
    this.controller = null;
    this.timer = null;
    this.watchdog = null;
    this.failures = 0;
    this.retryMs = FIRST_DELAY_MS;
    this.stopped = true;
  }

  start() {
    this.stopped = false;
    this.handlers.onState("connecting");
    this.connect();
  }

  /** Ends the stream for good (region change, sign-out). */
  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    clearTimeout(this.watchdog);
    if (this.controller) this.controller.abort();
  }

  close(reason) {
    this.stop();
    this.handlers.onState("closed", reason);
  }

  async connect() {
    const controller = new AbortController();
    this.controller = controller;
    let response;
    try {
      response = await authFetch(this.url, {
        headers: { Accept: "text/event-stream" }, cache: "no-store", signal: controller.signal });
    } catch (e) {
      if (!this.stopped) this.reconnect(null);
      return;
    }
    if (this.stopped) {
      controller.abort();
      return;
    }
    if (response.status === 503 || response.status === 429) {
      this.reconnect(parseInt(response.headers.get("Retry-After") || "", 10) * 1000);
      return;
    }
    if (response.status >= 400 && response.status < 500) {
      // not signed in any more, not allowed, or a bad region: retrying would not change the answer
      this.close(await problemText(response));
      return;
    }
    const type = response.headers.get("Content-Type") || "";
    if (!response.ok || !type.startsWith("text/event-stream") || !response.body) {
      this.reconnect(null);
      return;
    }
    this.failures = 0;
    this.handlers.onState("open");
    this.handlers.onOpen();
    await this.read(response.body, controller);
    if (!this.stopped) this.reconnect(null);
  }

  async read(body, controller) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    const parser = new EventStreamParser((type, data, id) => this.handlers.onEvent(type, data, id),
      (ms) => { this.retryMs = ms; });
    try {
      for (;;) {
        this.watch(controller);
        const { value, done } = await reader.read();
        if (done) break;
        parser.push(value);
      }
    } catch (e) {
      // aborted (stop, silence) or the connection broke: the caller decides whether to reconnect
    } finally {
      clearTimeout(this.watchdog);
    }
  }

  watch(controller) {
    clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => controller.abort(), SILENCE_LIMIT_MS);
  }

  reconnect(hintMs) {
    this.failures += 1;
    const backoff = Math.min(MAX_DELAY_MS, this.retryMs * 2 ** (this.failures - 1));
    const delay = Number.isFinite(hintMs) && hintMs > 0 ? hintMs : backoff * (0.75 + Math.random() * 0.5);
    this.handlers.onState("reconnecting");
    clearTimeout(this.timer);
    this.timer = setTimeout(() => { if (!this.stopped) this.connect(); }, delay);
  }
}

/** text/event-stream, fed in chunks of any size; calls dispatch(type, data, lastEventId) per event. */
export class EventStreamParser {
  constructor(dispatch, setRetry) {
    this.dispatch = dispatch;
    this.setRetry = setRetry;
    this.pending = "";
    this.type = "";
    this.data = [];
    this.lastEventId = "";
    this.afterCr = false;
  }

  push(chunk) {
    let text = chunk;
    if (this.afterCr && text.startsWith("\n")) text = text.slice(1); // a CRLF split across chunks
    this.afterCr = text.endsWith("\r");
    const lines = (this.pending + text).split(/\r\n|\r|\n/);
    this.pending = lines.pop();
    for (const line of lines) this.line(line);
  }

  line(line) {
    if (line === "") {
      this.emit();
      return;
    }
    if (line.startsWith(":")) return; // a comment: "connected", heartbeats
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "data") this.data.push(value);
    else if (field === "event") this.type = value;
    else if (field === "id" && !value.includes("\0")) this.lastEventId = value;
    else if (field === "retry" && /^\d+$/.test(value)) this.setRetry(parseInt(value, 10));
  }

  emit() {
    const type = this.type || "message";
    this.type = "";
    if (this.data.length === 0) return;
    const data = this.data.join("\n");
    this.data = [];
    this.dispatch(type, data, this.lastEventId);
  }
}
