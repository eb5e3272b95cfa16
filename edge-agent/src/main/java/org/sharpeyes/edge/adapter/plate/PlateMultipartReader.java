package org.sharpeyes.edge.adapter.plate;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.HttpData;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.sharpeyes.schema.codec.Problem;

/**
 * Splits a {@code multipart/form-data} plate push into its {@code read} part (the JSON read) and
 * its optional {@code snapshot} part (JPEG). Works in memory only: the body is already bounded by
 * {@code maxBodyBytes}. Never throws on any input.
 */
final class PlateMultipartReader {

  /**
   * The parts, or the problems.
   *
   * @param readJson the {@code read} part, or {@code null} when problems were found
   * @param snapshot the {@code snapshot} part, or {@code null}
   * @param problems empty when the parts are usable
   */
  record Parts(byte[] readJson, byte[] snapshot, List<Problem> problems) {}

  private PlateMultipartReader() {}

  static Parts read(FullHttpRequest request, long maxBodyBytes) {
    // Parts stay in memory (the disk threshold is above the body bound) but, unlike with
    // DefaultHttpDataFactory(false), the factory tracks them: a part left half-read by a malformed
    // body is released by cleanAllHttpData() instead of leaking its buffer.
    DefaultHttpDataFactory factory = new DefaultHttpDataFactory(maxBodyBytes + 1);
    factory.setMaxLimit(maxBodyBytes);
    List<Problem> problems = new ArrayList<>();
    byte[] read = null;
    byte[] snapshot = null;
    HttpPostRequestDecoder decoder = null;
    try {
      decoder = new HttpPostRequestDecoder(factory, request);
      for (InterfaceHttpData data : decoder.getBodyHttpDatas()) {
        if (!(data instanceof HttpData part)) {
          continue;
        }
        switch (data.getName()) {
          case "read" -> read = once("read", read, part.get(), problems);
          case "snapshot" -> snapshot = once("snapshot", snapshot, part.get(), problems);
          default ->
              problems.add(
                  new Problem(
                      data.getName(),
                      "unknown part — expected 'read' (the JSON read) and optionally 'snapshot'"
                          + " (the JPEG image)"));
        }
      }
    } catch (IOException | RuntimeException e) {
      // Besides its own exceptions, Netty's decoder throws plain unchecked ones on some malformed
      // headers (an empty "boundary=" gives StringIndexOutOfBoundsException): all are bad input.
      problems.add(new Problem("$", "malformed multipart body: " + e.getMessage()));
    } finally {
      if (decoder != null) {
        decoder.destroy();
      }
      factory.cleanAllHttpData();
    }
    if (read == null && problems.isEmpty()) {
      problems.add(new Problem("read", "missing — add a part named 'read' holding the JSON read"));
    }
    return problems.isEmpty()
        ? new Parts(read, snapshot, List.of())
        : new Parts(null, null, problems);
  }

  private static byte[] once(String name, byte[] earlier, byte[] now, List<Problem> problems) {
    if (earlier != null) {
      problems.add(new Problem(name, "the part came twice — send it once"));
    }
    return now;
  }
}
