package org.sharpeyes.it;

/**
 * Access control end to end on the embedded pair: Apache ActiveMQ Artemis in-process and an H2
 * file.
 */
class EmbeddedPairGateAlertIT extends GateAlertEndToEndContract {
  @Override
  TestPair pair() {
    return TestPair.embedded();
  }
}
