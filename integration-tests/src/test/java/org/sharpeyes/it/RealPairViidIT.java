package org.sharpeyes.it;

/**
 * GA/T 1400 end to end on the real pair: Mosquitto and PostgreSQL named by {@code
 * SHARPEYES_IT_MQTT_URL} and {@code SHARPEYES_IT_JDBC_URL} ({@code .ci/run} sets them). Skipped
 * when they are not set.
 */
class RealPairViidIT extends ViidEndToEndContract {

  @Override
  TestPair pair() {
    return TestPair.realOrSkip();
  }
}
