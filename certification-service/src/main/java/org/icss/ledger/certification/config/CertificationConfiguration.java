package org.icss.ledger.certification.config;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The scheduler's daily advance; the rules' parameters are the platform's ({@code RulesProperties}). */
@Configuration
@EnableScheduling
public class CertificationConfiguration {
}
