package org.icss.ledger.registry.web;

import org.icss.ledger.events.LedgerEvent;
import org.icss.ledger.registry.RegistryQueryApplication;
import org.icss.ledger.registry.query.registry.Events;
import org.icss.ledger.registry.query.registry.RegistryProjection;
import org.icss.ledger.testsupport.HeadlessChromium;
import org.icss.ledger.testsupport.LedgerInfrastructure;
import org.icss.ledger.testsupport.LedgerInfrastructureExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web page in a real headless Chromium (Debian's chromium and chromium-driver; .ci/run installs them): a person
 * searches, opens an organisation, sees Platinum and why, and verifies a certificate. registry-query runs alone,
 * its projection fed directly; each test leaves a screenshot in target/screenshots.
 */
@ExtendWith(LedgerInfrastructureExtension.class)
class RegistryPageBrowserTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);

    private static ConfigurableApplicationContext registry;
    private static String baseUrl;
    private HeadlessChromium chromium;
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    static void startRegistry(LedgerInfrastructure infra) {
        HeadlessChromium.assumeInstalled();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String topic = "icss.certification.events-" + run;
        infra.createTopics(topic);
        String database = infra.createDatabase("registry_page");
        registry = RegistryQueryApplication.application()
                .initializers(context -> context.getBeanFactory().registerSingleton("clock", CLOCK))
                .run("--server.port=0",
                        "--spring.datasource.url=" + infra.jdbcUrl(database),
                        "--spring.datasource.username=" + infra.username(),
                        "--spring.datasource.password=" + infra.password(),
                        "--axon.kafka.bootstrap-servers=" + infra.kafkaBootstrapServers(),
                        "--icss.kafka.consume-topics=" + topic,
                        "--spring.main.banner-mode=off");
        baseUrl = "http://127.0.0.1:" + ((WebServerApplicationContext) registry).getWebServer().getPort() + "/";
        RegistryProjection projection = registry.getBean(RegistryProjection.class);
        TransactionTemplate transaction = new TransactionTemplate(registry.getBean(PlatformTransactionManager.class));
        for (LedgerEvent event : Events.sampleRegistry()) {
            transaction.executeWithoutResult(status -> projection.on(event));
        }
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @BeforeEach
    void openBrowser() {
        chromium = HeadlessChromium.start("1280,1000", options -> { });
        browser = chromium.driver();
        // generous: a shared, loaded CI machine can take many seconds to render a page in headless Chromium
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterEach
    void closeBrowser(TestInfo test) {
        chromium.close(test.getTestMethod().orElseThrow().getName());
    }

    @Test
    void aPersonSearchesOpensAnOrganisationAndSeesPlatinumWithItsReasons() {
        browser.get(baseUrl);
        browser.findElement(By.id("q")).sendKeys("harbour");
        browser.findElement(By.id("search-button")).click();

        wait.until(ExpectedConditions.elementToBeClickable(resultLink("Harbour Bank"))).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("organisation-name"), "Harbour Bank"));
        assertThat(browser.findElement(By.cssSelector("#standing .tier")).getText()).isEqualTo("PLATINUM");
        assertThat(browser.findElements(By.cssSelector("#platinum-conditions li.met"))).hasSize(5);
        assertThat(browser.findElement(By.id("reason-summary")).getText()).startsWith("Platinum:")
                .contains("CCSM-pro-ada").contains("ISEA 2025");
        assertThat(browser.findElements(By.cssSelector("#timeline .timeline-entry")))
                .extracting(WebElement::getText).anySatisfy(text -> assertThat(text).contains("PLATINUM"));
    }

    @Test
    void aGoldOrganisationSaysWhichPlatinumConditionsAreMissing() {
        browser.get(baseUrl);
        new Select(browser.findElement(By.id("tier"))).selectByVisibleText("GOLD");
        browser.findElement(By.id("search-button")).click();

        wait.until(ExpectedConditions.elementToBeClickable(resultLink("Kowloon Telecom"))).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("organisation-name"), "Kowloon"));
        assertThat(browser.findElement(By.cssSelector("#standing .tier")).getText()).isEqualTo("GOLD");
        assertThat(browser.findElements(By.cssSelector("#platinum-conditions li.missing")))
                .extracting(e -> e.getAttribute("data-code"))
                .containsExactly("ONE_YEAR_ACTIVE_GOLD", "CCSM_EMPLOYED", "ISEA_WITHIN_FOUR_YEARS");
        assertThat(browser.findElement(By.cssSelector("li[data-code=ONE_YEAR_ACTIVE_GOLD]")).getText())
                .contains("met from 2026-09-01");
    }

    @Test
    void aPersonVerifiesACertificateNumber() {
        browser.get(baseUrl);
        browser.findElement(By.id("certificate-number")).sendKeys("ICSS-G-2026-AAAAAAAAAB");
        browser.findElement(By.id("verify-button")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("verdict"), "VALID"));
        assertThat(browser.findElement(By.id("verification")).getText()).contains("Harbour Bank")
                .contains("2029-02-01");

        browser.findElement(By.id("certificate-number")).clear();
        browser.findElement(By.id("certificate-number")).sendKeys("ICSS-G-2020-0000000000");
        browser.findElement(By.id("verify-button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("verdict"), "UNKNOWN"));
    }

    @Test
    void theHomePageShowsTheCountsThePlatinumHoldersAndTheLatestChanges() {
        browser.get(baseUrl);

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("counts-title"),
                "3 certified organisations"));
        assertThat(browser.findElements(By.cssSelector("#by-country tbody tr"))).extracting(WebElement::getText)
                .contains("AU 1 0 0 1", "HK 0 1 0 1", "CH 0 0 1 1");
        assertThat(browser.findElements(By.cssSelector("#platinum-holders li"))).extracting(WebElement::getText)
                .containsExactly("Harbour Bank (AU)");
        assertThat(browser.findElements(By.cssSelector("#latest-changes .latest-change")))
                .extracting(WebElement::getText)
                .anySatisfy(text -> assertThat(text).contains("Harbour Bank").contains("ICSS-G-2026-AAAAAAAAAB")
                        .contains("Gold awarded"));
        assertNoSeriousAccessibilityViolations();
        chromium.screenshot(DOCS_SCREENSHOTS.resolve("registry-home-desktop.png"));
    }

    @Test
    void typingANameShowsResultsWithoutPressingSearch() {
        browser.get(baseUrl);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("counts-title")));
        browser.findElement(By.id("q")).sendKeys("kowl");

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("result-count"), "1 organisation"));
        assertThat(browser.findElements(By.cssSelector("#results .result"))).extracting(WebElement::getText)
                .singleElement().asString().startsWith("Kowloon Telecom");
    }

    @Test
    void anOrganisationPageShowsNoEventIdsUntilTheTechnicalDetailsAreOpened() {
        browser.get(baseUrl + "#/organisations/org-platinum");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("organisation-name"), "Harbour Bank"));

        WebElement page = browser.findElement(By.id("view"));
        assertThat(page.getText()).doesNotContainPattern("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-")
                .doesNotContain("(professional");
        browser.findElement(By.cssSelector("#organisation details.technical summary")).click();
        assertThat(browser.findElement(By.cssSelector("#organisation details.technical")).getText())
                .containsPattern("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-");
        browser.findElement(By.cssSelector("#organisation details.technical summary")).click();
        wait.until(driver -> (Boolean) ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "const i = document.getElementById('mark-image'); return i.complete && i.naturalWidth > 0;"));
        assertThat(browser.findElement(By.id("mark-snippet")).getAttribute("value"))
                .contains("/api/v1/registry/organisations/org-platinum/mark.svg")
                .contains("alt=\"ICSS certification mark of Harbour Bank\"");
        assertNoSeriousAccessibilityViolations();
        chromium.screenshot(DOCS_SCREENSHOTS.resolve("registry-organisation.png"));
    }

    @Test
    void onAPhoneThePagesFitTheScreen() {
        chromium.close("phone-placeholder");
        chromium = HeadlessChromium.start("390,844", options -> { });
        browser = chromium.driver();
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        for (String[] page : new String[][]{{"", "counts-title", "registry-home-phone.png"},
                {"#/organisations/org-platinum", "organisation-name", "registry-organisation-phone.png"}}) {
            browser.get(baseUrl + page[0]);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(page[1])));
            Long scrollWidth = (Long) ((org.openqa.selenium.JavascriptExecutor) browser)
                    .executeScript("return document.documentElement.scrollWidth;");
            Long viewport = (Long) ((org.openqa.selenium.JavascriptExecutor) browser)
                    .executeScript("return window.innerWidth;");
            assertThat(scrollWidth).as("the page scrolls sideways at %s px", viewport).isLessThanOrEqualTo(viewport);
            assertNoSeriousAccessibilityViolations();
            chromium.screenshot(DOCS_SCREENSHOTS.resolve(page[2]));
        }
    }

    @Test
    void aPastedCredentialOrSignedAnswerIsCheckedInTheBrowserAndATamperedOneFails() throws Exception {
        String credential = fetch("api/v1/registry/certificates/ICSS-G-2026-AAAAAAAAAB/credential", "*/*");
        browser.get(baseUrl + "#/verify");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pasted")));

        paste(credential);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("verify-checks")));
        assertThat(browser.findElements(By.cssSelector("#verify-checks li")))
                .extracting(e -> e.getAttribute("data-check") + " " + e.getAttribute("class"))
                .containsExactly("signature check met", "issuer key check met", "validity dates check met",
                        "revocation status check met", "suspension status check met");
        assertThat(browser.findElement(By.id("verify-result")).getText()).contains("Harbour Bank")
                .contains("ICSS Gold (ICSS:2020-2025)").contains("not revoked").contains("not suspended");
        assertNoSeriousAccessibilityViolations();
        chromium.screenshot(DOCS_SCREENSHOTS.resolve("registry-verify.png"));

        String[] parts = credential.split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]),
                java.nio.charset.StandardCharsets.UTF_8).replace("Harbour Bank", "Harbour Bang");
        paste(parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "." + parts[2]);
        wait.until(ExpectedConditions.attributeContains(By.cssSelector("#verify-checks li[data-check=signature]"),
                "class", "missing"));

        paste(fetch("api/v1/registry/certificates/ICSS-G-2026-AAAAAAAAAB", "application/jose"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("verify-result"), "verdict VALID"));
        assertThat(browser.findElement(By.cssSelector("#verify-checks li[data-check=signature]"))
                .getAttribute("class")).contains("met");
    }

    private void paste(String text) {
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "document.getElementById('pasted').value = arguments[0];"
                        + "document.getElementById('verify-result').replaceChildren();", text);
        browser.findElement(By.id("verify-pasted")).click();
    }

    private static String fetch(String path, String accept) throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl + path)).header("Accept", accept)
                        .GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    /** A search result's link (the home page links organisations too). */
    private static By resultLink(String name) {
        return By.xpath("//table[@id='results']//a[text()='" + name + "']");
    }

    /** The repository's docs/screenshots: the README shows these. */
    private static final java.nio.file.Path DOCS_SCREENSHOTS = java.nio.file.Path.of("..", "docs", "screenshots");

    /** axe-core's rules on the page as it is now: no violation of serious or critical impact. */
    @SuppressWarnings("unchecked")
    private void assertNoSeriousAccessibilityViolations() {
        org.openqa.selenium.JavascriptExecutor js = (org.openqa.selenium.JavascriptExecutor) browser;
        js.executeScript(axeSource());
        Object result = js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, { resultTypes: ['violations'] }).then(r => done(r.violations.filter("
                + "v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id + ': ' + v.help + ' ' "
                + "+ v.nodes.map(n => n.target.join(' ')).join(', '))));");
        assertThat((java.util.List<String>) result).as("axe-core violations").isEmpty();
    }

    private static String axeSource() {
        try (java.io.InputStream in = RegistryPageBrowserTest.class.getClassLoader()
                .getResourceAsStream("META-INF/resources/webjars/axe-core/4.6.3/axe.min.js")) {
            return new String(java.util.Objects.requireNonNull(in, "axe-core webjar").readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
