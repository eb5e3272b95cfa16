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

  /** 430702001 (柳湾街道), the township desk's operator, masked clearance. */
  static final DemoAccount LIUWAN_TOWNSHIP = new DemoAccount("fu.liuwan", "demo-liuwan-2026");

  /** 430702001001 (柳湾社区), the village desk's operator. */
  static final DemoAccount LIUWAN_VILLAGE = new DemoAccount("wu.liuwancun", "demo-liuwancun-2026");

  /** The grid worker of 柳湾社区's cells. */
  static final DemoAccount LIUWAN_GRID = new DemoAccount("he.grid", "demo-grid-he-2026");

  /** The city's integrator: machine access, never personal data. */
  static final DemoAccount CITY_INTEGRATOR =
      new DemoAccount("yan.integrator", "demo-integrate-2026");

  /** Reads the audit record and nothing else. */
  static final DemoAccount AUDITOR = new DemoAccount("lu.auditor", "demo-auditor-2026");

  /** Logs in at {@code server} and returns the Authorization header's value. */
  String authorization(URI server) {
    return "Bearer " + FeedLogin.accessToken(server, name, password);
  }
}
