package org.sharpeyes.it;

import java.net.URI;
import org.sharpeyes.sims.sse.FeedLogin;

/**
 * An account of the demo city ({@code config/demo-city/users.yaml}, invented people, public demo
 * passwords) that {@link RunningPipeline} seeds into the server it starts.
 */
record DemoAccount(String name, String password) {

  /** 430700 (the city), supervisor, full clearance: sees every alert, personal data unmasked. */
  static final DemoAccount CITY_SUPERVISOR = new DemoAccount("luo.supervisor", "demo-super-2026");

  /** 430700, admin: enrols watchlist photos, reads no alerts. */
  static final DemoAccount CITY_ADMIN = new DemoAccount("tang.admin", "demo-admin-2026");

  /** 430703 (鼎城区), operator, masked clearance: sees its own county only. */
  static final DemoAccount DINGCHENG_OPERATOR =
      new DemoAccount("qin.dingcheng", "demo-dingcheng-2026");

  /** Logs in at {@code server} and returns the Authorization header's value. */
  String authorization(URI server) {
    return "Bearer " + FeedLogin.accessToken(server, name, password);
  }
}
