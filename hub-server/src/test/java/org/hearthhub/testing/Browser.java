package org.hearthhub.testing;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Stream;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Debian's headless Chromium driven by Selenium through Debian's ChromeDriver. Nothing downloads a
 * browser or a driver: both executables are given explicitly (and surefire sets SE_OFFLINE), so
 * Selenium Manager never runs. One per test class; each starts with a fresh, throw-away profile.
 * Besides finding and waiting: screenshots, axe-core scans, the request log, cookies and offline mode.
 */
public final class Browser implements AutoCloseable {
    public static final String CHROMIUM = "/usr/bin/chromium";
    public static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    /** Relative to the module directory, which is Surefire's working directory. */
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final java.util.logging.Logger SELENIUM_LOG = java.util.logging.Logger.getLogger("org.openqa.selenium");

    public final ChromeDriver driver;
    private final ChromeDriverService service;
    private final Path profile;

    private Browser(ChromeDriver driver, ChromeDriverService service, Path profile) {
        this.driver = driver;
        this.service = service;
        this.profile = profile;
    }

    public static boolean available() {
        return Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER));
    }

    public static Browser start() throws IOException {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        // Selenium warns that it has no CDP bindings for this Chromium: we only use ChromeDriver's own CDP pass-through.
        SELENIUM_LOG.setLevel(Level.SEVERE);
        Path profile = Files.createTempDirectory("hearth-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--disable-default-apps", "--disable-sync", "--disable-extensions", "--metrics-recording-only",
                "--password-store=basic", "--window-size=1360,900", "--lang=en-US",
                "--user-data-dir=" + profile.toAbsolutePath());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        logs.enable(LogType.BROWSER, Level.SEVERE); // for a wait's failure message: failed loads, script errors
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new java.io.File(CHROMEDRIVER))
                .usingAnyFreePort()
                .withSilent(true)
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20)); // axe-core on a slow CI machine
        return new Browser(driver, service, profile);
    }

    /**
     * A clean tab for the next test: a new tab (fresh sessionStorage, no emulation overrides), every
     * other tab closed, the request log emptied.
     */
    public void freshTab() {
        driver.switchTo().newWindow(WindowType.TAB);
        String fresh = driver.getWindowHandle();
        for (String handle : driver.getWindowHandles()) {
            if (!handle.equals(fresh)) driver.switchTo().window(handle).close();
        }
        driver.switchTo().window(fresh);
        requestedUrls();
    }

    // ---- waiting and finding

    public void open(String url) {
        driver.get(url);
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    /**
     * The element once it is shown and enabled, e.g. a button a page's script turns on when it is ready.
     * Timing out, it says what the page loaded and what went wrong in it: a script that did not load or run.
     */
    public WebElement clickable(String css) {
        return until(WAIT, d -> {
            WebElement e = shown(d, css);
            return e != null && e.isEnabled() ? e : null;
        }, () -> css + " shown and enabled; " + whatThePageGot());
    }

    public WebElement waitFor(String css) {
        return until(WAIT, d -> shown(d, css), () -> css + " shown; " + whatThePageGot());
    }

    /** The first element matching {@code css} if it is displayed, else null. */
    private static WebElement shown(WebDriver d, String css) {
        WebElement e = d.findElements(By.cssSelector(css)).stream().findFirst().orElse(null);
        return e != null && e.isDisplayed() ? e : null;
    }

    public void waitGone(String css) {
        until(d -> d.findElements(By.cssSelector(css)).stream().noneMatch(WebElement::isDisplayed));
    }

    public void waitForText(String css, String text) {
        until(d -> d.findElements(By.cssSelector(css)).stream().anyMatch(e -> e.getText().contains(text)));
    }

    public <T> T until(ExpectedCondition<T> condition) {
        return until(WAIT, condition);
    }

    public <T> T until(Duration timeout, Function<WebDriver, T> condition) {
        return until(timeout, condition, () -> "condition; " + whatThePageGot());
    }

    /**
     * Polls every 50 ms; an element re-rendered between finding and reading it is just polled again. Chromium reports
     * that either as a stale element or, when the re-render lands inside the read itself, as a node that "does not
     * belong to the document": both are polled again.
     */
    private <T> T until(Duration timeout, Function<WebDriver, T> condition, java.util.function.Supplier<String> what) {
        Function<WebDriver, T> polled = d -> {
            try {
                return condition.apply(d);
            } catch (org.openqa.selenium.WebDriverException e) {
                if (e instanceof StaleElementReferenceException || String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                    return null;
                }
                throw e;
            }
        };
        return new WebDriverWait(driver, timeout, Duration.ofMillis(50)).withMessage(what).until(polled);
    }

    /**
     * For a failed wait: the page's address, each resource it loaded with its HTTP status and body size (an
     * empty script runs nothing; a load that failed outright shows as status 0 or not at all), and the
     * browser's errors since they were last read (a load that failed, a script that threw).
     */
    private String whatThePageGot() {
        try {
            Object resources = js("return location.href + ' loaded ' + JSON.stringify(performance.getEntriesByType('resource')"
                    + ".map(function (r) { return r.name + ' ' + r.responseStatus + ' ' + r.decodedBodySize + ' B'; }))");
            List<String> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
            return resources + "; browser errors " + errors;
        } catch (RuntimeException e) {
            return "(what the page got is unknown: " + e + ")";
        }
    }

    /** Waits for a visible element. */
    public WebElement visible(By by) {
        return until(WAIT, d -> d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null),
                () -> "a visible " + by);
    }

    /** Waits until the element's text contains {@code text}, and returns it. */
    public WebElement withText(By by, String text) {
        return until(WAIT, d -> d.findElements(by).stream().filter(e -> e.getText().contains(text)).findFirst().orElse(null),
                () -> "\"" + text + "\" in " + by + "; found " + driver.findElements(by).stream().map(WebElement::getText).toList());
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** True when a JavaScript alert/confirm/prompt is open (a sign that injected script ran). */
    public boolean alertOpen() {
        try {
            driver.switchTo().alert();
            return true;
        } catch (NoAlertPresentException e) {
            return false;
        }
    }

    public void clearCookies() {
        driver.manage().deleteAllCookies();
    }

    public WebDriver webDriver() {
        return driver;
    }

    // ---- evidence

    /** Saves the whole viewport (host page and the chat's iframe) as target/screenshots/{name}.png. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path to = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), to, StandardCopyOption.REPLACE_EXISTING);
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs axe-core on the current document (switch into the iframe first to scan the chat) and
     * returns the violations of impact serious or critical, as "rule: target…" lines.
     */
    public List<String> seriousAccessibilityViolations() {
        js(axeSource());
        Object result = ((JavascriptExecutor) driver).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "axe.run(document, {resultTypes: ['violations']})"
                        + ".then(function (r) { done(JSON.stringify(r.violations)); }, function (e) { done('error:' + e); });");
        String json = String.valueOf(result);
        if (json.startsWith("error:")) throw new AssertionError("axe-core failed: " + json);
        List<String> serious = new ArrayList<>();
        for (Object o : new JsonArray(json)) {
            JsonObject v = (JsonObject) o;
            String impact = v.getString("impact");
            if (!"serious".equals(impact) && !"critical".equals(impact)) continue;
            List<String> targets = new ArrayList<>();
            for (Object n : v.getJsonArray("nodes")) targets.add(((JsonObject) n).getJsonArray("target").encode());
            serious.add(v.getString("id") + " (" + impact + "): " + v.getString("help") + " at " + targets);
        }
        return serious;
    }

    private static String axeSource;

    /** axe-core's bundled {@code axe.min.js}, from the pinned Deque artifact on the test class path. */
    private static synchronized String axeSource() {
        if (axeSource != null) return axeSource;
        try (InputStream in = Browser.class.getClassLoader().getResourceAsStream("axe.min.js")) {
            if (in == null) throw new AssertionError("axe.min.js is not on the test class path (com.deque.html.axe-core:selenium)");
            axeSource = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return axeSource;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- the network, as the browser saw it

    /** A request the browser made, and the response headers it got (empty for WebSockets and failures). */
    public record Request(String url, Map<String, String> responseHeaders) {
    }

    /**
     * Every request the browser made since the last call (documents, iframes, scripts, fetches,
     * WebSockets), from ChromeDriver's performance log, which covers every frame of every tab.
     */
    public List<Request> requests() {
        Map<String, String> urls = new java.util.LinkedHashMap<>();
        Map<String, Map<String, String>> headers = new java.util.HashMap<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            JsonObject message = new JsonObject(entry.getMessage()).getJsonObject("message");
            String method = message.getString("method");
            JsonObject params = message.getJsonObject("params");
            switch (method) {
                case "Network.requestWillBeSent" ->
                        urls.put(params.getString("requestId") + urls.size(), params.getJsonObject("request").getString("url"));
                case "Network.webSocketCreated" -> urls.put(params.getString("requestId") + urls.size(), params.getString("url"));
                case "Network.responseReceived" -> {
                    Map<String, String> h = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                    params.getJsonObject("response").getJsonObject("headers").forEach(e -> h.put(e.getKey(), String.valueOf(e.getValue())));
                    headers.put(params.getJsonObject("response").getString("url"), h);
                }
                default -> { }
            }
        }
        return urls.values().stream().map(u -> new Request(u, headers.getOrDefault(u, Map.of()))).toList();
    }

    /** The URLs of {@link #requests()}. */
    public List<String> requestedUrls() {
        return requests().stream().map(Request::url).toList();
    }

    /** Every cookie the browser holds, for any site. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> allCookies() {
        Map<String, Object> r = driver.executeCdpCommand("Storage.getCookies", Map.of());
        return (List<Map<String, Object>>) r.get("cookies");
    }

    /** Requests to URLs matching these patterns (CDP's, {@code *} a wildcard) fail from now on, until {@link #unblockUrls}. */
    public void blockUrls(String... patterns) {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of(patterns)));
    }

    /** Lets every request through again after {@link #blockUrls}. */
    public void unblockUrls() {
        driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
    }

    /** Cuts the browser off the network (as a lost Wi-Fi would), or restores it. */
    public void offline(boolean offline) {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", offline, "latency", 0,
                "downloadThroughput", -1, "uploadThroughput", -1));
    }

    /** Emulates a viewport of this size (a phone when {@code mobile}) in this tab until {@link #freshTab}. */
    public void viewport(int width, int height, boolean mobile) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
    }

    /** The phone of the issue reports: 375×740. */
    public void phone() {
        viewport(375, 740, true);
    }

    /** A small laptop: 1280×800. */
    public void desktop() {
        viewport(1280, 800, false);
    }

    /** Whether the element's whole box lies inside the viewport of its own document (and is not hidden). */
    public boolean inViewport(WebElement e) {
        return Boolean.TRUE.equals(js("var r = arguments[0].getBoundingClientRect();"
                + "return r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0"
                + " && r.bottom <= innerHeight + 0.5 && r.right <= innerWidth + 0.5;", e));
    }

    /** Like {@link #screenshot} but the whole page, however tall (for the guides). */
    public Path fullPage(String name) {
        org.openqa.selenium.Dimension before = driver.manage().window().getSize();
        Number height = (Number) js("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight);");
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(before.getWidth(),
                Math.min(4000, Math.max(before.getHeight(), height.intValue() + 140))));
        try {
            return screenshot(name);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    /** This browser's profile directory (its --user-data-dir), fresh when it started and deleted by {@link #close}. */
    public Path profile() {
        return profile;
    }

    /** Closes every window and ends Chromium, as a survivor closing the browser would; the profile stays until {@link #close}. */
    public void quitBrowser() {
        driver.quit();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | UncheckedIOException ignored) {
                // a leftover temp profile is harmless
            }
        }
    }
}
