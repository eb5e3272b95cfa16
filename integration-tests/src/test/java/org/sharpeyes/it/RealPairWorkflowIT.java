package org.sharpeyes.it;

/** The closed loop on Mosquitto and PostgreSQL; skipped unless .ci/run names them. */
class RealPairWorkflowIT extends WorkflowEndToEndContract {
  @Override
  TestPair pair() {
    return TestPair.realOrSkip();
  }
}
