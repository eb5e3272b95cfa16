package org.sharpeyes.vision.detection;

/**
 * The 896 anchor centres of BlazeFace short-range, in MediaPipe's SSD scheme for that model: a
 * 128×128 input; feature maps of stride 8 (16×16, 2 anchors per cell) and stride 16 (8×8, three
 * layers merged, 6 anchors per cell); anchors centred in their cell; fixed anchor size (1×1), so
 * only the centres matter.
 */
final class BlazeFaceAnchors {

  static final int INPUT_SIZE = 128;
  static final int COUNT = 896;

  private static final int[] STRIDES = {8, 16, 16, 16};
  private static final int ANCHORS_PER_LAYER = 2; // aspect ratio 1.0 plus the interpolated scale

  private BlazeFaceAnchors() {}

  /** {@code [i][0]} and {@code [i][1]}: the centre of anchor i, as a fraction of the input. */
  static float[][] centres() {
    float[][] centres = new float[COUNT][];
    int n = 0;
    int layer = 0;
    while (layer < STRIDES.length) {
      int stride = STRIDES[layer];
      int perCell = 0;
      // Consecutive layers with the same stride share one feature map.
      while (layer < STRIDES.length && STRIDES[layer] == stride) {
        perCell += ANCHORS_PER_LAYER;
        layer++;
      }
      int cells = (INPUT_SIZE + stride - 1) / stride;
      for (int y = 0; y < cells; y++) {
        for (int x = 0; x < cells; x++) {
          for (int a = 0; a < perCell; a++) {
            centres[n++] = new float[] {(x + 0.5f) / cells, (y + 0.5f) / cells};
          }
        }
      }
    }
    if (n != COUNT) {
      throw new IllegalStateException("made " + n + " anchors, the model has " + COUNT);
    }
    return centres;
  }
}
