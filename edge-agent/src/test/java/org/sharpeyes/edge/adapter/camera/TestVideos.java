package org.sharpeyes.edge.adapter.camera;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;

/** Small synthetic videos written with FFmpeg, for the stream tests. */
final class TestVideos {

  private TestVideos() {}

  /** {@code seconds} of a grey scene at {@code fps} with a white box crossing it, MPEG-4 in MP4. */
  static Path movingBox(Path file, int width, int height, int fps, int seconds) throws Exception {
    try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 0);
        OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
      recorder.setFormat("mp4");
      recorder.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
      recorder.setFrameRate(fps);
      recorder.setVideoQuality(5);
      recorder.start();
      int frames = fps * seconds;
      for (int i = 0; i < frames; i++) {
        try (Mat m = new Mat(height, width, CV_8UC3, new Scalar(110, 110, 110, 0))) {
          int x = (width - 60) * i / frames;
          rectangle(
              m, new Rect(x, height / 3, 60, 120), new Scalar(240, 240, 240, 0), FILLED, 8, 0);
          recorder.record(converter.convert(m));
        }
      }
      recorder.stop();
    }
    return file;
  }
}
