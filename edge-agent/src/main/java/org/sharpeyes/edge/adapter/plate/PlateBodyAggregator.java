package org.sharpeyes.edge.adapter.plate;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.sharpeyes.edge.adapter.AdapterFaults;
import org.sharpeyes.edge.adapter.FaultKind;
import org.sharpeyes.edge.http.HttpReplies;
import org.sharpeyes.edge.http.ResponseCounter;

/**
 * Aggregates a request body up to {@code maxBodyBytes}; a body that grows past it (chunked, without
 * a Content-Length the gate could check) gets a 413 with a JSON reason and the connection closes.
 */
final class PlateBodyAggregator extends HttpObjectAggregator {

  private final int maxBodyBytes;
  private final AdapterFaults faults;
  private final ResponseCounter responses;

  PlateBodyAggregator(int maxBodyBytes, AdapterFaults faults, ResponseCounter responses) {
    super(maxBodyBytes);
    this.maxBodyBytes = maxBodyBytes;
    this.faults = faults;
    this.responses = responses;
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
    faults.report(FaultKind.INPUT_REJECTED, "413 " + tooLargeMessage(maxBodyBytes), null);
    responses.count(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE.code());
    HttpReplies.send(
        ctx,
        oversized instanceof HttpRequest r ? r : null,
        HttpReplies.error(
            HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, tooLargeMessage(maxBodyBytes)),
        true);
  }

  static String tooLargeMessage(int maxBodyBytes) {
    return "request body larger than the limit of "
        + maxBodyBytes
        + " bytes (plateHttp.maxBodyBytes) — send a smaller snapshot";
  }
}
