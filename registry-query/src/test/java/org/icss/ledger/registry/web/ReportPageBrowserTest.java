package org.icss.ledger.registry.web;

import org.icss.ledger.events.AuditScored;
import org.icss.ledger.registry.query.reports.ReportHistories;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The report page in a real headless Chromium with JavaScript switched off: a member body's person opens the
 * report of one of its organisations (the browser sends the member body's key, as a header set through Chromium's
 * DevTools), sees the charts, risks, opportunities, expectation gap and benchmarks, and follows the link to an
 * earlier audit. Screenshots go to target/screenshots.
 */
@ExtendWith(LedgerInfrastructureExtension.class)
class ReportPageBrowserTest {

    private static ReportService service;
    private HeadlessChromium chromium;
    private ChromeDriver browser;

    @BeforeAll
    static void start(LedgerInfrastructure infra) throws Exception {
        HeadlessChromium.assumeInstalled();
        service = new ReportService(infra, "report_page");
        service.publish(ReportHistories.sample(), List.<AuditScored>of());
        await().atMost(Duration.ofSeconds(60)).until(() -> service.context.getBean(
                org.icss.ledger.registry.query.reports.ReportReader.class).report("org-late", null).isPresent());
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @BeforeEach
    void openBrowser() {
        // readable without JavaScript: the page is tested with it switched off
        chromium = HeadlessChromium.start("1100,2400", options -> options.setExperimentalOption("prefs",
                Map.of("profile.managed_default_content_settings.javascript", 2)));
        browser = chromium.driver();
        chromium.sendHeaders(Map.of("X-API-Key", service.csiau.key()));
    }

    @AfterEach
    void closeBrowser(TestInfo test) {
        chromium.close(test.getTestMethod().orElseThrow().getName());
    }

    @Test
    void aMemberBodyOpensTheReportOfItsOrganisation() {
        browser.get(service.baseUrl + "/api/v1/reports/organisations/" + ReportHistories.SUBJECT + "/report.html");

        assertThat(browser.findElement(By.id("report-organisation")).getText()).isEqualTo("Harbourside Credit Union");
        assertThat(browser.findElement(By.id("report-audit")).getText()).contains("h-2025").contains("2025-03-10");
        assertThat(browser.findElement(By.id("overall-mean")).getText()).isEqualTo("7.68");
        for (String chart : List.of("perspective-chart", "trend-chart", "heat-map")) {
            WebElement svg = browser.findElement(By.id(chart));
            assertThat(svg.isDisplayed()).as(chart).isTrue();
            assertThat(svg.getSize().getHeight()).as(chart).isGreaterThan(100);
        }
        assertThat(browser.findElement(By.id("perspective-chart")).getText()).contains("Financial / Governance");
        assertThat(browser.findElements(By.cssSelector("#risks tr.risk"))).extracting(e -> e.getAttribute(
                "data-attribute")).containsExactly("SRV-03", "OPS-05", "LRN-04", "FIN-02");
        assertThat(browser.findElement(By.cssSelector("#risks tr.risk")).getText())
                .contains("3 short of management's expectation of 8");
        assertThat(browser.findElements(By.cssSelector("#opportunities tr.opportunity"))).hasSize(3);
        assertThat(browser.findElements(By.cssSelector("#expectation-gap tr.gap"))).hasSize(4);
        assertThat(browser.findElement(By.cssSelector("#benchmarks tr[data-group=ALL]")).getText())
                .contains("All organisations on ICSS:2020-2025").contains("31.3");
        assertThat(browser.findElement(By.id("pdf-link")).getAttribute("href")).endsWith("report.pdf?audit=h-2025");
    }

    @Test
    void anEarlierAuditWithoutPeersSaysWhyItsBenchmarksAreNotShown() {
        browser.get(service.baseUrl + "/api/v1/reports/organisations/" + ReportHistories.SUBJECT + "/report.html");
        browser.findElement(By.linkText("2021-03-08")).click();

        assertThat(browser.findElement(By.id("report-audit")).getText()).contains("h-2021");
        assertThat(browser.findElements(By.cssSelector("#benchmarks td.withheld"))).hasSize(3)
                .allSatisfy(cell -> assertThat(cell.getText()).contains("fewer than 5 organisations (1)"));
        assertThat(browser.findElement(By.id("expectation-gap")).getText())
                .contains("Management gave no expected scores for this audit.");
    }
}
