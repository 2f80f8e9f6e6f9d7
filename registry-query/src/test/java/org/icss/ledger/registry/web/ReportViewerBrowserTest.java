package org.icss.ledger.registry.web;

import org.icss.ledger.events.AuditScored;
import org.icss.ledger.registry.query.reports.ReportHistories;
import org.icss.ledger.registry.query.reports.ReportReader;
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
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The report viewer page ({@code /reports.html}) in headless Chromium: a person types the organisation id and a
 * key, sees the report, follows a link to an earlier audit, downloads the PDF, and is told why when the key may not
 * read the report. Screenshots go to target/screenshots.
 */
@ExtendWith(LedgerInfrastructureExtension.class)
class ReportViewerBrowserTest {

    private static ReportService service;
    private HeadlessChromium chromium;
    private ChromeDriver browser;
    private Path downloads;

    @BeforeAll
    static void start(LedgerInfrastructure infra) throws Exception {
        HeadlessChromium.assumeInstalled();
        service = new ReportService(infra, "report_viewer");
        service.publish(ReportHistories.sample(), List.<AuditScored>of());
        await().atMost(Duration.ofSeconds(60)).until(() -> service.context.getBean(ReportReader.class)
                .report(ReportHistories.SUBJECT, null).isPresent());
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @BeforeEach
    void openBrowser() {
        chromium = HeadlessChromium.start("1100,1600", options -> { });
        browser = chromium.driver();
        downloads = chromium.allowDownloads();
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(10));
    }

    @AfterEach
    void closeBrowser(TestInfo test) {
        chromium.close(test.getTestMethod().orElseThrow().getName());
    }

    @Test
    void aMemberBodyOpensTheReportFollowsAnEarlierAuditAndDownloadsThePdf() throws IOException {
        browser.get(service.baseUrl + "/");
        browser.findElement(By.id("reports-link")).click();
        fill(ReportHistories.SUBJECT, service.csiau.key());
        browser.findElement(By.id("open-report")).click();

        browser.switchTo().frame("report-frame");
        assertThat(browser.findElement(By.id("report-organisation")).getText()).isEqualTo("Harbourside Credit Union");
        assertThat(browser.findElement(By.id("report-audit")).getText()).contains("h-2025");
        browser.findElement(By.linkText("2021-03-08")).click();
        browser.switchTo().defaultContent();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            browser.switchTo().defaultContent();
            browser.switchTo().frame("report-frame");
            assertThat(browser.findElement(By.id("report-audit")).getText()).contains("h-2021");
        });
        browser.switchTo().defaultContent();
        assertThat(browser.findElement(By.id("audit-id")).getAttribute("value")).isEqualTo("h-2021");

        browser.findElement(By.id("download-pdf")).click();
        await().atMost(Duration.ofSeconds(60)).until(() -> pdfs().size() == 1);
        Path pdf = pdfs().get(0);
        assertThat(pdf.getFileName().toString()).isEqualTo("icss-report-" + ReportHistories.SUBJECT + "-h-2021.pdf");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.size(pdf) > 1000);
        assertThat(new String(Files.readAllBytes(pdf), 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("%PDF-");
    }

    @Test
    void anotherMemberBodysKeyIsToldWhyAndSeesNoReport() {
        browser.get(service.baseUrl + "/reports.html?organisation=" + ReportHistories.SUBJECT);
        browser.findElement(By.id("api-key")).sendKeys(service.hkcsc.key());
        browser.findElement(By.id("open-report")).click();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(browser.findElement(By.id("report-status")).getText()).startsWith("403"));
        assertThat(browser.findElement(By.id("report-frame")).isDisplayed()).isFalse();
    }

    private void fill(String organisation, String key) {
        browser.findElement(By.id("organisation-id")).sendKeys(organisation);
        browser.findElement(By.id("api-key")).sendKeys(key);
    }

    private List<Path> pdfs() throws IOException {
        try (Stream<Path> files = Files.list(downloads)) {
            return files.filter(f -> f.toString().endsWith(".pdf")).toList();
        }
    }
}
