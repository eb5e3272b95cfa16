package org.sharpeyes.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Access control end to end on the real pair: Mosquitto and PostgreSQL named by {@code
 * SHARPEYES_IT_MQTT_URL} and {@code SHARPEYES_IT_JDBC_URL} ({@code .ci/run} sets them). Skipped
 * when they are not set.
 */
class RealPairGateAlertIT extends GateAlertEndToEndContract {

  @Override
  TestPair pair() {
    assumeTrue(
        TestPair.real().isPresent(),
        "set "
            + TestPair.MQTT_ENV
            + " and "
            + TestPair.JDBC_ENV
            + " to run on Mosquitto + PostgreSQL");
    return TestPair.real().orElseThrow();
  }
}
