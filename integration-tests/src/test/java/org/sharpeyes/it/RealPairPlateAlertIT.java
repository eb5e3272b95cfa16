package org.sharpeyes.it;

/**
 * The spine on the real pair: Mosquitto and PostgreSQL named by {@code SHARPEYES_IT_MQTT_URL} and
 * {@code SHARPEYES_IT_JDBC_URL} ({@code .ci/run} sets them). Skipped when they are not set.
 */
class RealPairPlateAlertIT extends PlateAlertEndToEndContract {

  @Override
  TestPair pair() {
    return TestPair.realOrSkip();
  }
}
