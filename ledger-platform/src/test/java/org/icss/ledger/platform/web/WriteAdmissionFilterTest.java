package org.icss.ledger.platform.web;

import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class WriteAdmissionFilterTest {

    private final WriteAdmissionFilter filter = new WriteAdmissionFilter(1, Duration.ofMillis(50), Duration.ofSeconds(2));

    @Test
    void aWriteBeyondCapacityIsRefusedWith503AndRetryAfterAndRecordsNothingWhileReadsGoOn() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<MockHttpServletResponse> first = CompletableFuture.supplyAsync(() -> run("POST",
                "/api/v1/organisations", (request, response) -> {
                    inside.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    ((MockHttpServletResponse) response).setStatus(201);
                }));
        assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();

        boolean[] reached = {false};
        MockHttpServletResponse refused = run("POST", "/api/v1/organisations/o-1/audits",
                (request, response) -> reached[0] = true);
        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("2");
        assertThat(refused.getContentType()).startsWith("application/problem+json");
        assertThat(refused.getContentAsString()).contains("overloaded").contains("nothing was recorded");
        assertThat(reached[0]).as("the refused write never reached the service").isFalse();

        MockHttpServletResponse read = run("GET", "/api/v1/registry/organisations/o-1",
                (request, response) -> ((MockHttpServletResponse) response).setStatus(200));
        assertThat(read.getStatus()).as("reads are not limited").isEqualTo(200);

        release.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS).getStatus()).isEqualTo(201);
        MockHttpServletResponse after = run("POST", "/api/v1/organisations",
                (request, response) -> ((MockHttpServletResponse) response).setStatus(201));
        assertThat(after.getStatus()).as("room again once the first write is done").isEqualTo(201);
    }

    @Test
    void aFailingWriteGivesItsPlaceBack() {
        MockHttpServletResponse failed = run("POST", "/api/v1/awards", (request, response) -> {
            throw new IllegalStateException("boom");
        });
        assertThat(failed.getStatus()).isEqualTo(500);
        MockHttpServletResponse next = run("POST", "/api/v1/awards",
                (request, response) -> ((MockHttpServletResponse) response).setStatus(201));
        assertThat(next.getStatus()).isEqualTo(201);
    }

    private MockHttpServletResponse run(String method, String path, FilterChain chain) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        MockHttpServletResponse response = new MockHttpServletResponse();
        try {
            filter.doFilter(request, response, chain);
        } catch (Exception e) {
            response.setStatus(500);
        }
        return response;
    }
}
