package org.icss.ledger.testsupport;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * One headless Chromium for a browser test (Debian's chromium and chromium-driver; .ci/run installs them), with a
 * profile of its own in a temporary directory. {@link #close(String)} saves a screenshot to
 * {@code target/screenshots/<name>.png}, quits the browser and deletes the profile (and the downloads directory).
 * <pre>
 * &#64;BeforeAll static void start() { HeadlessChromium.assumeInstalled(); ... }
 * &#64;BeforeEach void open() { chromium = HeadlessChromium.start("1280,1000", options -> { }); }
 * &#64;AfterEach void close(TestInfo test) { chromium.close(test.getTestMethod().orElseThrow().getName()); }
 * </pre>
 */
public final class HeadlessChromium {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final List<Path> directories = new ArrayList<>();

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        directories.add(profile);
    }

    /**
     * Skips the test class when Chromium or its driver is missing; in CI ({@code CI=true}), where .ci/run installs
     * them, fails it instead: there a missing browser is a failure, never a skipped test.
     */
    public static void assumeInstalled() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String missing = "needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver)";
        if ("true".equals(System.getenv("CI")) && !installed) {
            throw new AssertionError(missing);
        }
        assumeTrue(installed, missing);
    }

    /**
     * @param windowSize width and height, as Chromium's {@code --window-size} takes them ("1280,1000")
     * @param options    anything a test adds to the common options (preferences such as JavaScript off)
     */
    public static HeadlessChromium start(String windowSize, Consumer<ChromeOptions> options) {
        Path profile = temporaryDirectory("chromium-profile");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions chromeOptions = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless",
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", "--window-size=" + windowSize,
                "--user-data-dir=" + profile);
        options.accept(chromeOptions);
        ChromeDriver driver = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).build(), chromeOptions);
        return new HeadlessChromium(driver, profile);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Downloads go to a new temporary directory, deleted by {@link #close(String)}; returns it. */
    public Path allowDownloads() {
        Path downloads = temporaryDirectory("chromium-downloads");
        directories.add(downloads);
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath",
                downloads.toString()));
        return downloads;
    }

    /** Every request carries these headers (set through Chromium's DevTools), e.g. an API key. */
    public void sendHeaders(Map<String, String> headers) {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", headers));
    }

    /** Saves what the page shows now as a PNG at {@code file} (its folder created when missing). */
    public void screenshot(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Saves a screenshot as {@code target/screenshots/<screenshot>.png}, then quits and deletes the profile. */
    public void close(String screenshot) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(screenshot + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.quit();
            directories.forEach(HeadlessChromium::delete);
        }
    }

    private static Path temporaryDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
