package org.sharpeyes.edge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sharpeyes.edge.config.EdgeAgentConfigLoaderTest.problems;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.sharpeyes.edge.adapter.DeviceKind;
import org.sharpeyes.edge.adapter.camera.CameraAdapterConfig;

class CameraConfigTest {

  static final String CAMERA =
      """
      edgeId: edge-wuling-01
      broker:
        url: tcp://127.0.0.1:1883
      devices:
        - id: "43070200001320000001"
          name: 火车站进站口
          kind: camera
          camera:
            source: rtsp://viewer:secret@192.0.2.10:554/sub
      """;

  /** The camera entry with more keys in its camera section. */
  private static String withCameraKeys(String... lines) {
    StringBuilder yaml = new StringBuilder(CAMERA);
    for (String line : lines) {
      yaml.append("      ").append(line).append('\n');
    }
    return yaml.toString();
  }

  private static CameraAdapterConfig camera(String yaml) {
    var device = EdgeAgentConfigLoader.parse(yaml).orThrow().devices().get(0);
    assertThat(device.kind()).isEqualTo(DeviceKind.CAMERA);
    return (CameraAdapterConfig) device.settings();
  }

  @Test
  void aCameraWithOnlyItsSourceGetsTheDocumentedDefaults() {
    CameraAdapterConfig c = camera(CAMERA);

    assertThat(c.source()).isEqualTo("rtsp://viewer:secret@192.0.2.10:554/sub");
    assertThat(c.analysisFps()).isEqualTo(5);
    assertThat(c.analysisWidth()).isEqualTo(960);
    assertThat(c.watchdog()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.motion()).isEqualTo(CameraAdapterConfig.Motion.DEFAULTS);
    assertThat(c.faces().detectorModel().toString()).endsWith("blazeface-short-range.tflite");
    assertThat(c.faces().embedderModelId()).isEqualTo("fr-feature-512");
    assertThat(c.faces().thresholds()).containsEntry("red", 0.55).containsEntry("yellow", 0.65);
    assertThat(c.faces().confirmFrames()).isEqualTo(3);
    assertThat(c.faces().confirmOf()).isEqualTo(5);
    assertThat(c.faces().capturedPerMinute()).isEqualTo(6);
  }

  @Test
  void everySettingCanBeGivenAndTheMotionGateTurnedOff() {
    CameraAdapterConfig c =
        camera(
            withCameraKeys(
                "loop: true",
                "analysisFps: 2.5",
                "analysisWidth: 0",
                "watchdog: 30s",
                "motion: { enabled: false }",
                "faces:",
                "  detectorModel: /opt/models/bf.tflite",
                "  embedderModel: /opt/models/emb.onnx",
                "  embedderModelId: emb-v2",
                "  thresholds: { red: 0.5 }",
                "  confirm: { frames: 2, of: 4, within: 1500ms }",
                "  cooldown: 5m",
                "  capturedPerMinute: 0"));

    assertThat(c.loop()).isTrue();
    assertThat(c.analysisFps()).isEqualTo(2.5);
    assertThat(c.analysisWidth()).isZero();
    assertThat(c.motion()).isNull();
    assertThat(c.faces().embedderModel().toString()).isEqualTo("/opt/models/emb.onnx");
    assertThat(c.faces().thresholds()).containsEntry("red", 0.5).containsEntry("orange", 0.60);
    assertThat(c.faces().confirmWithin()).isEqualTo(Duration.ofMillis(1500));
    assertThat(c.faces().cooldown()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.faces().capturedPerMinute()).isZero();
  }

  @Test
  void everyProblemInTheCameraSectionIsReportedAtItsPathWithoutThePassword() {
    String yaml =
        withCameraKeys(
                "analysisFps: 0",
                "motion: { treshold: 30 }",
                "faces:",
                "  thresholds: { red: 1.5, urgent: 0.4 }",
                "  confirm: { frames: 6, of: 5 }")
            .replace("rtsp://viewer:secret@", "ftp://viewer:secret@");

    assertThat(problems(EdgeAgentConfigLoader.parse(yaml)))
        .allSatisfy(p -> assertThat(p).doesNotContain("secret"))
        .anySatisfy(p -> assertThat(p).startsWith("devices[0].camera.source: 'ftp://viewer:***@"))
        .anySatisfy(
            p -> assertThat(p).startsWith("devices[0].camera.analysisFps: 0 is out of range"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("devices[0].camera.motion.treshold:")
                    .contains("threshold"))
        .anySatisfy(p -> assertThat(p).startsWith("devices[0].camera.faces.thresholds.red: 1.5"))
        .anySatisfy(p -> assertThat(p).startsWith("devices[0].camera.faces.thresholds.urgent:"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("devices[0].camera.faces.confirm.frames: 6 is more than of (5)"));
  }

  @Test
  void aCameraWithoutItsSectionIsToldWhatToAdd() {
    String yaml = CAMERA.substring(0, CAMERA.indexOf("    camera:"));

    assertThat(problems(EdgeAgentConfigLoader.parse(yaml)))
        .containsExactly(
            "devices[0].camera: missing — a camera needs camera: { source: rtsp://… }");
  }
}
