package org.sharpeyes.it;

/** The closed loop on the embedded pair: Artemis with its security on, and H2. */
class EmbeddedPairWorkflowIT extends WorkflowEndToEndContract {
  @Override
  TestPair pair() {
    return TestPair.embedded();
  }
}
