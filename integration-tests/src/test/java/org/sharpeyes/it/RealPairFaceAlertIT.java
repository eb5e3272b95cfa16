package org.sharpeyes.it;

/**
 * Faces end to end on the real pair: Mosquitto and PostgreSQL named by {@code
 * SHARPEYES_IT_MQTT_URL} and {@code SHARPEYES_IT_JDBC_URL} ({@code .ci/run} sets them). Skipped
 * when they are not set.
 */
class RealPairFaceAlertIT extends FaceAlertEndToEndContract {

  @Override
  TestPair pair() {
    return TestPair.realOrSkip();
  }
}
