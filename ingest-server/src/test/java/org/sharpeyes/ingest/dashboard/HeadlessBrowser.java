package org.sharpeyes.ingest.dashboard;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium driven through Debian's chromedriver, for the tests of the dashboard as
 * a user sees it. The driver and browser are named explicitly, so Selenium Manager never looks for
 * or downloads anything; the profile is a fresh temporary directory; the browser talks only to the
 * server under test (no sync, updates or background networking). Start one per test class (a start
 * costs about a second) and close it in {@code @AfterAll}.
 *
 * <p>When {@code /usr/bin/chromedriver} or {@code /usr/bin/chromium} is missing the test class is
 * skipped with a message saying what to install ({@code .ci/run} installs both).
 */
final class HeadlessBrowser implements AutoCloseable {

  static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  static final Path BROWSER = Path.of("/usr/bin/chromium");

  /** How long a page may take to show what a test waits for. */
  static final Duration PATIENCE = Duration.ofSeconds(20);

  /**
   * Selenium warns at every start that it has no DevTools binding for this Chromium's version; the
   * tests do not use DevTools. Held here so that the setting is not garbage-collected.
   */
  private static final Logger CDP_VERSION_FINDER =
      Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

  private final ChromeDriverService service;
  private final ChromeDriver driver;
  private final Path profile;
  private final WebDriverWait wait;

  private HeadlessBrowser(ChromeDriverService service, ChromeDriver driver, Path profile) {
    this.service = service;
    this.driver = driver;
    this.profile = profile;
    this.wait = new WebDriverWait(driver, PATIENCE);
  }

  /** Starts the browser, or skips the calling test class when Chromium is not installed. */
  static HeadlessBrowser start() throws IOException {
    assumeTrue(
        Files.isExecutable(DRIVER) && Files.isExecutable(BROWSER),
        "the dashboard's browser tests need Debian's chromium and chromium-driver ("
            + BROWSER
            + ", "
            + DRIVER
            + "); .ci/run installs them");
    CDP_VERSION_FINDER.setLevel(Level.SEVERE);
    Path profile = Files.createTempDirectory("sharpeyes-chromium-");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(DRIVER.toFile())
            .usingAnyFreePort()
            .withLogOutput(OutputStream.nullOutputStream())
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,900",
        "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    try {
      return new HeadlessBrowser(service, new ChromeDriver(service, options), profile);
    } catch (RuntimeException e) {
      service.stop();
      deleteTree(profile);
      throw e;
    }
  }

  WebDriver driver() {
    return driver;
  }

  /** Opens {@code url} in a tab that has no session: sessionStorage is emptied and reloaded. */
  void openSignedOut(String url) {
    driver.get(url);
    driver.executeScript("sessionStorage.clear()");
    driver.navigate().refresh();
  }

  /** The element that has the keyboard focus. */
  WebElement focused() {
    return driver.switchTo().activeElement();
  }

  /** Waits until the element is displayed and returns it. */
  WebElement visible(By by) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  /** Waits until the element's text contains {@code text}. */
  void waitForText(By by, String text) {
    wait.until(ExpectedConditions.textToBePresentInElementLocated(by, text));
  }

  /**
   * Waits until {@code condition} holds, with a message naming what was awaited. An element that
   * the page replaced while the condition looked at it (a list redrawn) is looked for again.
   */
  <T> T waitUntil(String what, java.util.function.Function<WebDriver, T> condition) {
    try {
      return new WebDriverWait(driver, PATIENCE)
          .withMessage(what)
          .ignoring(StaleElementReferenceException.class)
          .until(condition::apply);
    } catch (TimeoutException e) {
      throw new TimeoutException(what + "; the browser's console: " + consoleErrors(), e);
    }
  }

  Object script(String javaScript, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(javaScript, args);
  }

  /**
   * Saves what the page shows as {@code target/screenshots/<name>.png}, for a person to look at
   * after the run; a failure to save is ignored.
   */
  void screenshot(String name) {
    try {
      Path dir = Files.createDirectories(Path.of("target", "screenshots"));
      byte[] png = driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
      Files.write(dir.resolve(name + ".png"), png);
    } catch (IOException | RuntimeException e) {
      // a screenshot is a by-product
    }
  }

  /** Types into a field, replacing what was there. */
  void type(By by, String text) {
    WebElement field = visible(by);
    field.clear();
    field.sendKeys(text);
  }

  /**
   * The errors the page caused since the last call: uncaught exceptions, failed loads, Content
   * Security Policy violations (the browser console at level SEVERE).
   */
  List<String> consoleErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
      deleteTree(profile);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary profile left behind is harmless
    }
  }
}
