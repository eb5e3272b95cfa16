package org.sharpeyes.ingest.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.sharpeyes.ingest.IngestServer;
import org.sharpeyes.ingest.StandardExtensions;
import org.sharpeyes.ingest.config.AuthConfig;
import org.sharpeyes.ingest.config.IngestServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard as a desk sees it: a real headless Chromium against the whole server (embedded
 * broker, H2, the demo city), an edge publishing over MQTT, and two users of its own: a city-level
 * supervisor with full clearance and a county operator with masked clearance.
 */
class DashboardBrowserTest {

  /** A user this test signs in as; the one place that knows their names and passwords. */
  record DemoUser(
      String name,
      String password,
      String role,
      String jurisdiction,
      String jurisdictionName,
      String clearance) {}

  static final DemoUser CITY_SUPERVISOR =
      new DemoUser(
          "city-supervisor", "demo-supervisor-pass", "supervisor", "430700", "常德市", "full");

  static final DemoUser COUNTY_OPERATOR =
      new DemoUser("wuling-operator", "demo-operator-pass", "operator", "430702", "武陵区", "masked");

  /** Key person KP0001 of the demo city, as a masked clearance must see and must not see them. */
  private static final String KEY_PERSON = "KP0001";

  private static final String MASKED_NAME = "王*军";
  private static final String MASKED_ID_NUMBER = "430702********0675";
  private static final String FULL_NAME = "王建军";
  private static final String FULL_ID_NUMBER = "430702197506070675";

  /** On the demo city's hotlist with no validity bounds (布控车辆, medium). */
  private static final String HOTLISTED_PLATE = "湘JRT396";

  private static final Logger LOG = LoggerFactory.getLogger(DashboardBrowserTest.class);
  private static final Path DEMO_CITY = Path.of("../config/demo-city");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path dataDir;
  private static HeadlessBrowser browser;
  private static IngestServer server;
  private static DemoEdge edge;

  @BeforeAll
  static void startBrowserServerAndEdge() throws Exception {
    browser = HeadlessBrowser.start(); // first: skips the class before a server is started for it
    server = startServer(dataDir);
    await().until(server::brokerConnected);
    edge = new DemoEdge(server);
  }

  /** The whole server on free ports with the demo city and the users above as its seed users. */
  private static IngestServer startServer(Path dir) throws IOException {
    Path users = writeUsers(dir.resolve("users.yaml"));
    LOG.info("dashboard test users in {}", users);
    return IngestServer.start(
        IngestServerConfig.ephemeral(dir)
            .withReferenceData(DEMO_CITY)
            .withAuth(AuthConfig.defaults().withSeedUsers(users)),
        Clock.systemUTC(),
        StandardExtensions.all());
  }

  /** The test's users in the format of {@code auth.seedUsers}. */
  private static Path writeUsers(Path file) throws IOException {
    StringBuilder yaml = new StringBuilder("users:\n");
    for (DemoUser u : List.of(CITY_SUPERVISOR, COUNTY_OPERATOR)) {
      yaml.append("  - name: ")
          .append(u.name())
          .append("\n    password: ")
          .append(u.password())
          .append("\n    role: ")
          .append(u.role())
          .append("\n    jurisdiction: \"")
          .append(u.jurisdiction())
          .append("\"\n    clearance: ")
          .append(u.clearance())
          .append('\n');
    }
    return Files.writeString(file, yaml, StandardCharsets.UTF_8).toAbsolutePath();
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

  @BeforeEach
  void openTheDashboardSignedOut() {
    browser.openSignedOut(url("/dashboard/"));
    browser.consoleErrors(); // forget what an earlier test left in the console
  }

  @Test
  void theDashboardOpensOnItsSignInFormWithoutAnyScriptError() {
    WebElement name = browser.visible(By.id("username"));
    browser.waitUntil("the cursor in the user-name field", d -> name.equals(browser.focused()));

    assertThat(browser.visible(By.id("password")).getDomAttribute("type")).isEqualTo("password");
    assertThat(browser.visible(By.id("login-submit")).getText()).isEqualTo("Sign in");
    assertThat(browser.driver().findElement(By.id("app")).isDisplayed()).isFalse();
    assertThat(browser.consoleErrors()).isEmpty();
  }

  @Test
  void aWrongPasswordIsRefusedWithTheServersReasonAndNoFeedIsShown() {
    signIn(CITY_SUPERVISOR.name(), CITY_SUPERVISOR.password() + "-wrong");

    String reason =
        browser.waitUntil(
            "a refusal on the sign-in form",
            d -> blankToNull(d.findElement(By.id("login-error")).getText()));
    assertThat(reason).doesNotContain("cannot be reached");
    assertThat(browser.driver().findElement(By.id("app")).isDisplayed()).isFalse();
    assertThat(browser.driver().findElements(By.cssSelector("#alerts li"))).isEmpty();
    assertThat(browser.script("return sessionStorage.getItem('sharpeyes.session')")).isNull();
  }

  @Test
  void aFullClearanceSupervisorSeesTheirNameAndJurisdictionAndAnAlertRaisedAfterSigningIn()
      throws Exception {
    signIn(CITY_SUPERVISOR.name(), CITY_SUPERVISOR.password());

    browser.waitForText(By.id("user-name"), CITY_SUPERVISOR.name());
    assertThat(browser.visible(By.id("user-role")).getText()).isEqualTo(CITY_SUPERVISOR.role());
    assertThat(browser.visible(By.id("user-jurisdiction")).getText())
        .contains(CITY_SUPERVISOR.jurisdictionName(), CITY_SUPERVISOR.jurisdiction());
    awaitTheLiveFeed();

    edge.sightPlate(HOTLISTED_PLATE);

    WebElement alert =
        browser.waitUntil(
            "the plate's alert pushed on the live feed",
            d ->
                d.findElements(By.cssSelector("#alerts li.new")).stream()
                    .filter(li -> li.getText().contains(HOTLISTED_PLATE))
                    .findFirst()
                    .orElse(null));
    assertThat(alert.getText()).contains("plate-hotlist");
    assertThat(browser.driver().findElements(By.cssSelector("#map path.cell")))
        .as("every grid cell of the city, even after a county user signed in on this browser")
        .hasSize(40);
    browser.screenshot("dashboard-city-supervisor");
    assertThat(browser.consoleErrors()).isEmpty();
  }

  @Test
  void aMaskedCountyOperatorOpensAKeyPersonAlertAndSeesTheMaskedNameAndIdNumberButNoPhoto()
      throws Exception {
    edge.matchFace(KEY_PERSON);

    signIn(COUNTY_OPERATOR.name(), COUNTY_OPERATOR.password());
    browser.waitForText(By.id("user-name"), COUNTY_OPERATOR.name());
    WebElement alert =
        browser.waitUntil(
            "the key person's face alert in the list",
            d ->
                d.findElements(By.cssSelector("#alerts li")).stream()
                    .filter(li -> li.getText().contains("watchlist-face"))
                    .findFirst()
                    .orElse(null));
    alert.click();

    assertThat(browser.visible(By.cssSelector("#detail .person-name")).getText())
        .isEqualTo(MASKED_NAME);
    assertThat(browser.visible(By.cssSelector("#detail .person-id")).getText())
        .isEqualTo(MASKED_ID_NUMBER);
    assertThat(browser.visible(By.cssSelector("#detail .photo-withheld")).getText())
        .isEqualTo("photo withheld (clearance)");
    assertThat(browser.visible(By.cssSelector("#detail .snapshot-withheld")).getText())
        .contains("withheld");
    assertThat(browser.driver().findElements(By.cssSelector("#detail img"))).isEmpty();
    assertThat(browser.driver().getPageSource()).doesNotContain(FULL_NAME, FULL_ID_NUMBER);
  }

  @Test
  void aCountyOperatorCanPickOnlyRegionsOfTheirCounty() {
    signIn(COUNTY_OPERATOR.name(), COUNTY_OPERATOR.password());
    browser.waitForText(By.id("user-jurisdiction"), COUNTY_OPERATOR.jurisdictionName());
    browser.waitUntil(
        "the region picker filled",
        d -> d.findElements(By.cssSelector("#region option")).size() > 1 ? true : null);

    List<String> offered =
        browser.driver().findElements(By.cssSelector("#region option")).stream()
            .map(o -> o.getDomProperty("value"))
            .filter(v -> !v.isEmpty())
            .toList();
    assertThat(offered).allMatch(code -> code.startsWith(COUNTY_OPERATOR.jurisdiction()));
    assertThat(browser.visible(By.cssSelector("#region option[value='']")).getText())
        .contains(COUNTY_OPERATOR.jurisdictionName());
  }

  @Test
  void signingOutReturnsToTheSignInFormAndTheTokenStopsWorking() throws Exception {
    signIn(CITY_SUPERVISOR.name(), CITY_SUPERVISOR.password());
    browser.waitForText(By.id("user-name"), CITY_SUPERVISOR.name());
    String token =
        (String)
            browser.script(
                "return JSON.parse(sessionStorage.getItem('sharpeyes.session')).accessToken");
    assertThat(alertsWith(token)).isEqualTo(200);

    browser.visible(By.id("logout")).click();

    browser.visible(By.id("username"));
    assertThat(browser.driver().findElement(By.id("app")).isDisplayed()).isFalse();
    assertThat(browser.script("return sessionStorage.getItem('sharpeyes.session')")).isNull();
    await().atMost(Duration.ofSeconds(10)).until(() -> alertsWith(token) == 401);
  }

  /**
   * Until the graded-authorisation work (issue 11, branch auth) is merged the server has no login
   * route: the tests that sign in are skipped, saying so. Remove this once it is merged.
   */
  private static void signIn(String name, String password) {
    browser.type(By.id("username"), name);
    browser.type(By.id("password"), password);
    browser.visible(By.id("login-submit")).click();
  }

  private static void awaitTheLiveFeed() {
    browser.waitUntil(
        "the live feed connected",
        d ->
            "open".equals(d.findElement(By.id("feed-state")).getDomAttribute("data-state"))
                ? true
                : null);
  }

  private static int alertsWith(String token) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url("/api/alerts?limit=1")))
            .header("Authorization", "Bearer " + token)
            .timeout(Duration.ofSeconds(10))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + server.httpPort() + path;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
