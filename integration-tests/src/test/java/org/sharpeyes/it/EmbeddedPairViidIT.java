package org.sharpeyes.it;

/** GA/T 1400 end to end on the embedded pair: Apache ActiveMQ Artemis in-process and an H2 file. */
class EmbeddedPairViidIT extends ViidEndToEndContract {
  @Override
  TestPair pair() {
    return TestPair.embedded();
  }
}
