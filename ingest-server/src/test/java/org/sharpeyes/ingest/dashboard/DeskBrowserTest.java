package org.sharpeyes.ingest.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.sharpeyes.ingest.IngestServer;
import org.sharpeyes.ingest.StandardExtensions;
import org.sharpeyes.ingest.config.AuthConfig;
import org.sharpeyes.ingest.config.IngestServerConfig;

/**
 * The closed loop as the people at a village desk and in its grid see it, in a real headless
 * Chromium against the whole server with the demo city and its demo accounts: the village operator
 * acknowledges and dispatches an alert from their queue, the grid worker reports back with a note
 * and a photo on the phone page, and the operator resolves it; the timeline shows every step with
 * its user.
 */
class DeskBrowserTest {

  private static final Path DEMO_CITY = Path.of("../config/demo-city");

  /** The operator of the village desk 430702001002 (柳岸社区), from the demo city's users.yaml. */
  private static final String OPERATOR = "gu.liuan";

  private static final String OPERATOR_PASSWORD = "demo-liuan-2026";

  /** The grid worker of that village's cells. */
  private static final String GRID_WORKER = "xia.grid";

  private static final String GRID_WORKER_PASSWORD = "demo-grid-2026";

  /** On the demo city's hotlist (布控车辆, medium): routed to the village desk of its grid. */
  private static final String HOTLISTED_PLATE = "湘JRT396";

  /** Also on it (套牌嫌疑, medium), for a second alert at the same desk. */
  private static final String OTHER_HOTLISTED_PLATE = "湘DZ1936";

  /** A phone held upright, and the desk's screen (as HeadlessBrowser starts it). */
  private static final Dimension PHONE = new Dimension(390, 844);

  private static final Dimension DESKTOP = new Dimension(1280, 900);

  @TempDir static Path dataDir;
  private static HeadlessBrowser browser;
  private static IngestServer server;
  private static DemoEdge edge;

  @BeforeAll
  static void startBrowserServerAndEdge() throws Exception {
    browser = HeadlessBrowser.start(); // first: skips the class before a server is started for it
    server =
        IngestServer.start(
            IngestServerConfig.ephemeral(dataDir)
                .withReferenceData(DEMO_CITY)
                .withAuth(
                    AuthConfig.defaults()
                        .withSeedUsers(DEMO_CITY.resolve("users.yaml").toAbsolutePath())),
            Clock.systemUTC(),
            StandardExtensions.all());
    await().until(server::brokerConnected);
    edge = new DemoEdge(server);
  }

  @AfterAll
  static void stopAll() throws Exception {
    try {
      if (edge != null) {
        edge.close();
      }
    } finally {
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
  }

  @Test
  void anAlertIsAcknowledgedDispatchedReportedBackAndResolvedAndTheTimelineNamesEachUser()
      throws Exception {
    browser.openSignedOut(url("/dashboard/"));
    browser.consoleErrors();
    signIn(OPERATOR, OPERATOR_PASSWORD);
    theMapShowsTheVillagesCells();
    awaitTheLiveFeed();

    edge.sightPlateAt(DemoEdge.CAMERA, HOTLISTED_PLATE);

    WebElement queued = queueItem(HOTLISTED_PLATE);
    assertThat(queued.getText()).contains("plate-hotlist");
    String id = queued.getDomAttribute("data-id");
    browser.waitUntil(
        "a countdown to the escalation deadline",
        d ->
            queueItem(HOTLISTED_PLATE)
                .findElement(By.cssSelector(".countdown"))
                .getText()
                .endsWith("left"));
    browser.visible(By.cssSelector("#map path.alert-marker[data-alert='" + id + "']"));

    openFromTheQueue(HOTLISTED_PLATE);
    take("acknowledge", null);
    awaitState("acknowledged");
    browser.waitForText(By.cssSelector("#plan h3"), "布控车辆预警处置");
    browser.visible(By.id("plan-step-1")).click();
    browser.waitForText(By.cssSelector("#plan li:first-child"), OPERATOR);
    take("dispatch", "请核实车辆位置 please check where the car is");
    awaitState("dispatched");
    assertThat(browser.visible(By.cssSelector("#workflow .wf-assignee")).getText())
        .contains(GRID_WORKER);
    browser.screenshot("desk-dispatched");
    signOut();

    browser.driver().manage().window().setSize(PHONE);
    signIn(GRID_WORKER, GRID_WORKER_PASSWORD);
    browser.waitUntil(
        "the grid worker sent to their own page", d -> d.getCurrentUrl().endsWith("/grid.html"));
    WebElement task =
        browser.waitUntil(
            "the dispatched alert in the grid worker's list",
            d ->
                d.findElements(By.cssSelector("#tasks li[data-state='dispatched']")).stream()
                    .filter(li -> li.getText().contains(HOTLISTED_PLATE))
                    .findFirst()
                    .orElse(null));
    task.click();
    browser.type(By.id("report-note"), "车辆已离开，已告知车主 the car has left, owner told");
    browser.visible(By.id("report-photo")).sendKeys(aPhoto().toString());
    browser.visible(By.cssSelector("#report-preview img"));
    WebElement send = browser.visible(By.id("report-submit"));
    assertThat(send.getRect().getX() + send.getRect().getWidth())
        .as("the report's button within a phone's width")
        .isLessThanOrEqualTo(PHONE.getWidth());
    send.click();
    browser.waitUntil(
        "the task reported",
        d ->
            "handled".equals(d.findElement(By.id("task-body")).getDomAttribute("data-state"))
                ? true
                : null);
    browser.visible(By.cssSelector("#task-body .step[data-action='report'] .step-photo img"));
    assertThat(browser.driver().findElements(By.id("report-form"))).isEmpty();
    browser.screenshot("grid-reported");
    browser.visible(By.id("logout")).click();
    browser.visible(By.id("username"));

    browser.driver().manage().window().setSize(DESKTOP);
    browser.driver().get(url("/dashboard/"));
    signIn(OPERATOR, OPERATOR_PASSWORD);
    browser.waitUntil(
        "the handled alert back in the queue",
        d ->
            "handled".equals(queueItem(HOTLISTED_PLATE).getDomAttribute("data-state"))
                ? true
                : null);
    openFromTheQueue(HOTLISTED_PLATE);
    browser.visible(By.cssSelector("#workflow .step[data-action='report'] .step-photo img"));
    take("resolve", "核实完毕 checked");
    awaitState("resolved");
    browser.screenshot("desk-resolved");

    assertThat(steps())
        .containsSubsequence(
            "acknowledge " + OPERATOR + " (operator)",
            "dispatch " + OPERATOR + " (operator)",
            "report " + GRID_WORKER + " (grid-worker)",
            "resolve " + OPERATOR + " (operator)");
    assertThat(browser.visible(By.cssSelector("#workflow .step[data-action='report']")).getText())
        .contains("dispatched → handled", "the car has left");
    browser.waitUntil(
        "the resolved alert gone from the queue and the map",
        d ->
            d.findElements(By.cssSelector("#queue li[data-id]")).stream()
                        .noneMatch(li -> li.getText().contains(HOTLISTED_PLATE))
                    && d.findElements(By.cssSelector("#map [data-alert='" + id + "']")).isEmpty()
                ? true
                : null);
    assertThat(browser.consoleErrors())
        .filteredOn(e -> !e.contains("/snapshot - Failed to load resource"))
        .as("errors other than the missing snapshot of the edge's event (it sends none)")
        .isEmpty();
  }

  @Test
  void aStepOnAnAlertSomeoneElseChangedMeanwhileIsRefusedWithTheReasonAndTheAlertIsReloaded()
      throws Exception {
    browser.openSignedOut(url("/dashboard/"));
    signIn(OPERATOR, OPERATOR_PASSWORD);
    awaitTheLiveFeed();
    edge.sightPlateAt(DemoEdge.CAMERA, OTHER_HOTLISTED_PLATE);
    String id = queueItem(OTHER_HOTLISTED_PLATE).getDomAttribute("data-id");
    openFromTheQueue(OTHER_HOTLISTED_PLATE);
    browser.visible(By.cssSelector("#workflow button.action[data-action='acknowledge']")).click();
    browser.visible(By.id("step-note"));

    assertThat(acknowledgeBehindTheFormsBack(id)).isEqualTo(200);
    browser.visible(By.id("step-submit")).click();

    browser.waitForText(By.id("workflow-message"), "changed");
    awaitState("acknowledged");
    assertThat(browser.visible(By.id("workflow-message")).getText()).contains("revision");
    assertThat(
            browser.driver().findElements(By.cssSelector("#workflow button.action")).stream()
                .map(b -> b.getDomAttribute("data-action")))
        .contains("dispatch")
        .doesNotContain("acknowledge");
  }

  /** The same operator acknowledges in another tab: POST with If-Match * and their token. */
  private static int acknowledgeBehindTheFormsBack(String id) throws Exception {
    String token =
        (String)
            browser.script(
                "return JSON.parse(sessionStorage.getItem('sharpeyes.session')).accessToken");
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url("/api/alerts/" + id + "/transitions")))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .header("If-Match", "*")
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"acknowledge\"}"))
            .build();
    return HttpClient.newHttpClient()
        .send(request, HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  /** Leaflet drew the village's grid cells and the village's name; no tile was asked for. */
  private static void theMapShowsTheVillagesCells() {
    browser.waitUntil(
        "the grid cells on the map",
        d -> d.findElements(By.cssSelector("#map path.cell")).size() >= 3 ? true : null);
    assertThat(browser.driver().findElements(By.cssSelector("#map path.outline"))).isNotEmpty();
    assertThat(browser.driver().findElements(By.cssSelector("#map .region-label"))).hasSize(3);
    assertThat(browser.driver().findElements(By.cssSelector("#map .leaflet-tile"))).isEmpty();
  }

  /**
   * Clicks the step's button, fills its form (a note; for dispatch the grid worker) and sends it.
   */
  private static void take(String action, String note) {
    browser
        .visible(By.cssSelector("#workflow button.action[data-action='" + action + "']"))
        .click();
    browser.visible(By.cssSelector("#step-form[data-action='" + action + "']"));
    if (action.equals("dispatch")) {
      new Select(browser.visible(By.id("step-assignee"))).selectByValue("staff:" + GRID_WORKER);
    }
    if (note != null) {
      browser.type(By.id("step-note"), note);
    }
    browser.visible(By.id("step-submit")).click();
  }

  private static void awaitState(String state) {
    browser.waitUntil(
        "the alert " + state,
        d ->
            d.findElements(By.cssSelector("#workflow[data-state='" + state + "']")).isEmpty()
                ? null
                : true);
  }

  /** The timeline as the desk reads it, "action who (role)", oldest first. */
  private static List<String> steps() {
    return browser.driver().findElements(By.cssSelector("#workflow .timeline .step")).stream()
        .map(
            li ->
                li.findElement(By.cssSelector(".step-action")).getText()
                    + " "
                    + li.findElement(By.cssSelector(".step-actor")).getText())
        .toList();
  }

  /** Clicks the alert in the queue (again, if the queue was redrawn under the click). */
  private static void openFromTheQueue(String plate) {
    browser.waitUntil(
        "a click on the alert in the queue",
        d -> {
          queueItem(plate).click();
          return true;
        });
    browser.visible(By.cssSelector("#workflow[data-state] .timeline"));
  }

  private static WebElement queueItem(String plate) {
    return browser.waitUntil(
        "the alert of " + plate + " in the desk's queue",
        d ->
            d.findElements(By.cssSelector("#queue li[data-id]")).stream()
                .filter(li -> li.getText().contains(plate))
                .findFirst()
                .orElse(null));
  }

  private static void signIn(String name, String password) {
    browser.type(By.id("username"), name);
    browser.type(By.id("password"), password);
    browser.visible(By.id("login-submit")).click();
    browser.waitForText(By.id("user-name"), name);
  }

  private static void signOut() {
    browser.visible(By.id("logout")).click();
    browser.visible(By.id("username"));
  }

  private static void awaitTheLiveFeed() {
    browser.waitUntil(
        "the live feed connected",
        d ->
            "open".equals(d.findElement(By.id("feed-state")).getDomAttribute("data-state"))
                ? true
                : null);
  }

  /** A small PNG, as a phone's camera would hand the page a file. */
  private static Path aPhoto() throws IOException {
    BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    var g = image.createGraphics();
    g.setColor(new Color(0x2a6f97));
    g.fillRect(0, 0, 64, 48);
    g.dispose();
    Path file = dataDir.resolve("report.png");
    ImageIO.write(image, "png", file.toFile());
    return file.toAbsolutePath();
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + server.httpPort() + path;
  }
}
