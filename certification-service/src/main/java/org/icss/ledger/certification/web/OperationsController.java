package org.icss.ledger.certification.web;

import org.icss.ledger.certification.command.CertificationScheduler;
import org.icss.ledger.certification.command.CertificationScheduler.Advanced;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operations: run the daily advance now (after a clock change, a long outage, or in tests). */
@RestController
@RequestMapping("/api/v1/operations")
public class OperationsController {

    private final CertificationScheduler scheduler;

    public OperationsController(CertificationScheduler scheduler) {
        this.scheduler = scheduler;
    }

    @PostMapping("/advance")
    public Advanced advance() {
        return scheduler.advanceAll();
    }
}
