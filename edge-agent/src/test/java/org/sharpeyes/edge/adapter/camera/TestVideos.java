package org.sharpeyes.edge.adapter.camera;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.copyMakeBorder;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.sharpeyes.vision.testing.SamplePhotos;

/** Small synthetic videos written with FFmpeg, for the camera tests. */
public final class TestVideos {

  private TestVideos() {}

  /** {@code seconds} of a grey scene at {@code fps} with a white box crossing it, MPEG-4 in MP4. */
  public static Path movingBox(Path file, int width, int height, int fps, int seconds)
      throws Exception {
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

  /** {@link #groupWalk(Path, Mat)} of the sample group photo with the watched person in it. */
  public static Path groupWalk(Path file) throws Exception {
    try (Mat full = imread(SamplePhotos.groupPhotos().get(5).toString());
        Mat photo = new Mat()) {
      resize(full, photo, new Size(960, full.rows() * 960 / full.cols()));
      return groupWalk(file, photo);
    }
  }

  /** Three seconds at 25 fps of the group photo (960 wide) drifting right by 4 px a frame. */
  public static Path groupWalk(Path file, Mat photo) throws Exception {
    try (FFmpegFrameRecorder recorder =
            new FFmpegFrameRecorder(file.toFile(), photo.cols(), photo.rows(), 0);
        OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
      recorder.setFormat("mp4");
      recorder.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
      recorder.setFrameRate(25);
      recorder.setVideoQuality(2);
      recorder.start();
      for (int i = 0; i < 75; i++) {
        try (Mat padded = new Mat();
            Mat frame = new Mat()) {
          copyMakeBorder(photo, padded, 0, 0, i * 4, 0, BORDER_REPLICATE, new Scalar(0, 0, 0, 0));
          padded.apply(new Rect(0, 0, photo.cols(), photo.rows())).copyTo(frame);
          recorder.record(converter.convert(frame));
        }
      }
      recorder.stop();
    }
    return file;
  }
}
