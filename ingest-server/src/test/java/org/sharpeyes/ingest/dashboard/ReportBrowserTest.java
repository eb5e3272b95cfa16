package org.sharpeyes.ingest.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.sharpeyes.ingest.IngestServer;
import org.sharpeyes.ingest.StandardExtensions;
import org.sharpeyes.ingest.config.AuthConfig;
import org.sharpeyes.ingest.config.IngestServerConfig;
import org.sharpeyes.ingest.governance.AlertHistory;
import org.sharpeyes.ingest.governance.GovernanceIndex;

/**
 * The monthly report page (一月一通报) in a real headless Chromium against the whole server with the
 * demo city: a city supervisor signs in and reads the month's ranking and the trend charts.
 */
class ReportBrowserTest {

  @TempDir static Path dataDir;
  static HeadlessBrowser browser;
  static IngestServer server;
  static YearMonth month;

  @BeforeAll
  static void start() throws Exception {
    browser = HeadlessBrowser.start(); // first: skips the class before a server is started for it
    Path users =
        Files.writeString(
            dataDir.resolve("users.yaml"),
            "users:\n  - name: report-supervisor\n    password: report-supervisor-pass\n"
                + "    role: supervisor\n    jurisdiction: \"430700\"\n    clearance: full\n",
            StandardCharsets.UTF_8);
    IngestServerConfig config =
        IngestServerConfig.ephemeral(dataDir)
            .withReferenceData(Path.of("../config/demo-city"))
            .withAuth(AuthConfig.defaults().withSeedUsers(users));
    server = IngestServer.start(config, Clock.systemUTC(), StandardExtensions.all());
    Instant raised = Instant.now().minus(Duration.ofHours(3));
    month = YearMonth.from(raised.atZone(GovernanceIndex.ZONE));
    AlertHistory h = new AlertHistory();
    h.raised("43070200100101", raised.toString())
        .acknowledgedAfter(Duration.ofMinutes(5))
        .resolvedAfter(Duration.ofHours(1));
    h.raised("43070300100101", raised.plusSeconds(60).toString());
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL(config.store().jdbcUrl());
    h.insertInto(ds);
  }

  @AfterAll
  static void stop() {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      if (server != null) {
        server.close();
      }
    }
  }

  @Test
  void aSupervisorReadsTheMonthsRankingAndTheTrendOfTheLeadingUnits() {
    browser.openSignedOut(
        "http://127.0.0.1:"
            + server.httpPort()
            + "/dashboard/report.html?level=grid&month="
            + month);
    browser.type(By.id("username"), "report-supervisor");
    browser.type(By.id("password"), "report-supervisor-pass");
    browser.visible(By.id("login-submit")).click();

    browser.waitForText(By.id("title"), "常德市社会治理指数月度通报");
    browser.waitForText(By.cssSelector("#rows tr:first-child"), "柳湾社区第1网格");
    assertThat(browser.visible(By.cssSelector("#rows tr:first-child")).getText())
        .contains("100.0")
        .contains("新 new");
    assertThat(browser.visible(By.cssSelector("#rows tr:nth-child(2)")).getText()).contains("鹤鸣村");
    browser.waitUntil(
        "a trend chart drawn by ECharts",
        d -> !d.findElements(By.cssSelector("#charts .plot canvas")).isEmpty());
    assertThat(browser.consoleErrors()).isEmpty();
  }
}
