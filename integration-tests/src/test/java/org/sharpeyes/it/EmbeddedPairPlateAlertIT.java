package org.sharpeyes.it;

/** The spine on the embedded pair: Apache ActiveMQ Artemis in-process and an H2 file. */
class EmbeddedPairPlateAlertIT extends PlateAlertEndToEndContract {
  @Override
  TestPair pair() {
    return TestPair.embedded();
  }
}
