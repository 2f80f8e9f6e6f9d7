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

        wait.until(ExpectedConditions.elementToBeClickable(By.linkText("Harbour Bank"))).click();

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

        wait.until(ExpectedConditions.elementToBeClickable(By.linkText("Kowloon Telecom"))).click();

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
}
