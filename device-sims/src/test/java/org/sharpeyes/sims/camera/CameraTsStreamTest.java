package org.sharpeyes.sims.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CameraTsStreamTest {

  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private final HttpClient http = HttpClient.newHttpClient();
  private CameraSimulator camera;
  private int port;

  @AfterEach
  void stopCamera() {
    if (camera != null) {
      camera.close();
    }
  }

  private void startCamera(int width, int height, CameraStreamOptions options) throws Exception {
    camera =
        new CameraSimulator(
            new Scene(width, height, List.of(), 3),
            10,
            Duration.ofSeconds(10),
            options,
            Clock.systemUTC());
    port = camera.start("127.0.0.1", 0);
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private HttpResponse<InputStream> watch(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path)).timeout(PATIENCE).build(),
        HttpResponse.BodyHandlers.ofInputStream());
  }

  @Test
  void aViewerOfTheTsStreamDecodesConstrainedBaselineH264FramesOfTheSceneSize() throws Exception {
    startCamera(320, 240, new CameraStreamOptions());

    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(uri("/stream.ts").toString())) {
      grabber.setOption("rw_timeout", "10000000");
      grabber.start();
      assertThat(grabber.getFormat()).isEqualTo("mpegts");
      assertThat(grabber.getVideoCodec()).isEqualTo(avcodec.AV_CODEC_ID_H264);
      assertThat(grabber.getFormatContext().streams(grabber.getVideoStream()).codecpar().profile())
          .isEqualTo(avcodec.AV_PROFILE_H264_CONSTRAINED_BASELINE);
      for (int i = 0; i < 5; i++) {
        Frame frame = grabber.grabImage();
        assertThat(frame).isNotNull();
        assertThat(frame.imageWidth).isEqualTo(320);
        assertThat(frame.imageHeight).isEqualTo(240);
      }
    }
  }

  @Test
  void theTsStreamIsAChunkedMpegTsResponseAndTheMjpegStreamIsServedBesideIt() throws Exception {
    startCamera(320, 240, new CameraStreamOptions());

    HttpResponse<InputStream> ts = watch("/stream.ts");
    HttpResponse<InputStream> mjpeg = watch("/stream.mjpeg");

    assertThat(ts.statusCode()).isEqualTo(200);
    assertThat(ts.headers().firstValue("content-type")).hasValue("video/mp2t");
    assertThat(ts.headers().firstValue("transfer-encoding")).hasValue("chunked");
    try (InputStream body = ts.body()) {
      assertThat(body.readNBytes(188 * 3)).hasSize(188 * 3).startsWith((byte) 0x47);
    }
    assertThat(mjpeg.statusCode()).isEqualTo(200);
    assertThat(mjpeg.headers().firstValue("content-type").orElseThrow())
        .startsWith("multipart/x-mixed-replace");
    try (InputStream body = mjpeg.body()) {
      assertThat(new String(body.readNBytes(16), StandardCharsets.US_ASCII))
          .startsWith("--" + MjpegViewers.BOUNDARY);
    }
  }

  @Test
  void aTsViewerBeyondTheLimitIsTurnedAwayWithServiceUnavailable() throws Exception {
    startCamera(320, 240, new CameraStreamOptions().setMaxTsViewers(1));

    HttpResponse<InputStream> first = watch("/stream.ts");
    HttpResponse<String> second =
        http.send(HttpRequest.newBuilder(uri("/stream.ts")).build(), ofString());

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(second.statusCode()).isEqualTo(503);
    assertThat(second.headers().firstValue("retry-after")).isPresent();
    assertThat(second.body()).contains("has its 1 viewers");
    assertThat(camera.tsViewersRefused()).isEqualTo(1);
    first.body().close();
  }

  @Test
  void droppingViewersCutsTsViewersOffAndTheyCanWatchAgain() throws Exception {
    startCamera(320, 240, new CameraStreamOptions().setMaxTsViewers(1));
    HttpResponse<InputStream> viewer = watch("/stream.ts");
    await().atMost(PATIENCE).until(() -> camera.tsViewers() == 1);

    camera.dropViewers();

    assertThat(readsToTheEnd(viewer.body())).isTrue();
    await().atMost(PATIENCE).until(() -> camera.tsViewers() == 0);
    HttpResponse<InputStream> again = watch("/stream.ts");
    assertThat(again.statusCode()).isEqualTo(200);
    again.body().close();
  }

  @Test
  void aTsViewerThatStopsReadingIsCutOffAndCounted() throws Exception {
    startCamera(640, 360, new CameraStreamOptions().setTsViewerBufferBytes(16 * 1024));

    try (Socket stalled = new Socket()) {
      stalled.setReceiveBufferSize(1024);
      stalled.connect(new java.net.InetSocketAddress("127.0.0.1", port));
      OutputStream out = stalled.getOutputStream();
      out.write(
          "GET /stream.ts HTTP/1.1\r\nHost: camera\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();

      await().atMost(PATIENCE).until(() -> camera.tsViewersCutForLagging() == 1);
      await().atMost(PATIENCE).until(() -> camera.tsViewers() == 0);
    }
  }

  @Test
  void otherPathsGetNotFoundNamingBothStreams() throws Exception {
    startCamera(320, 240, new CameraStreamOptions());

    HttpResponse<String> answer =
        http.send(HttpRequest.newBuilder(uri("/video")).build(), ofString());

    assertThat(answer.statusCode()).isEqualTo(404);
    assertThat(answer.body()).contains("/stream.mjpeg", "/stream.ts");
  }

  private static HttpResponse.BodyHandler<String> ofString() {
    return HttpResponse.BodyHandlers.ofString();
  }

  /** Whether the stream ends (or fails) within the patience, as a cut connection does. */
  private static boolean readsToTheEnd(InputStream body) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    byte[] buffer = new byte[64 * 1024];
    try (body) {
      while (System.nanoTime() < deadline) {
        if (body.read(buffer) < 0) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      return true;
    }
  }
}
