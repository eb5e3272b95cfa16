package org.sharpeyes.it;

/** Faces end to end on the embedded pair: Apache ActiveMQ Artemis in-process and an H2 file. */
class EmbeddedPairFaceAlertIT extends FaceAlertEndToEndContract {
  @Override
  TestPair pair() {
    return TestPair.embedded();
  }
}
