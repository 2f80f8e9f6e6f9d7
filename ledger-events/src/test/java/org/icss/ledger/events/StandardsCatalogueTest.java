package org.icss.ledger.events;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StandardsCatalogueTest {

    private final StandardsCatalogue catalogue = StandardsCatalogue.shipped();

    @Test
    void shipsBothVersionsWithTwentyFiveAttributesAcrossTheFourPerspectives() {
        assertThat(catalogue.all()).extracting(Standard::version)
                .containsExactly(StandardVersion.ICSS_2015_2020, StandardVersion.ICSS_2020_2025);
        for (Standard standard : catalogue.all()) {
            assertThat(standard.attributes()).hasSize(25);
            assertThat(standard.attributeCodes()).hasSize(25);
            assertThat(standard.attributes().stream().map(Attribute::perspective).collect(Collectors.toSet()))
                    .isEqualTo(EnumSet.allOf(Perspective.class));
        }
    }

    @ParameterizedTest(name = "{0} on {1}: accepted={2}")
    @CsvSource({
            "ICSS:2015-2020, 2014-12-31, false",
            "ICSS:2015-2020, 2015-01-01, true",
            "ICSS:2015-2020, 2020-12-31, true",
            "ICSS:2015-2020, 2021-01-01, false",
            "ICSS:2020-2025, 2019-12-31, false",
            "ICSS:2020-2025, 2020-01-01, true",
            "ICSS:2020-2025, 2031-06-30, true",
    })
    void versionWindows(String version, LocalDate auditDate, boolean accepted) {
        assertThat(catalogue.find(version).orElseThrow().acceptsAuditOn(auditDate)).isEqualTo(accepted);
    }

    @Test
    void completeScoresInRangeHaveNoProblems() {
        Standard standard = catalogue.find(StandardVersion.ICSS_2020_2025).orElseThrow();

        assertThat(standard.problemsWith(allScores(standard, 6))).isEmpty();
    }

    @Test
    void namesEveryMissingUnknownAndOutOfRangeAttribute() {
        Standard standard = catalogue.find(StandardVersion.ICSS_2020_2025).orElseThrow();
        Map<String, Integer> scores = allScores(standard, 6);
        scores.remove("SRV-01");
        scores.put("SRV-02", 11);
        scores.put("OPS-03", -1);
        scores.put("XYZ-01", 5);

        assertThat(standard.problemsWith(scores)).containsOnlyKeys("SRV-01", "SRV-02", "OPS-03", "XYZ-01");
    }

    @Test
    void anAttributeOfAnotherVersionIsUnknown() {
        Standard older = catalogue.find(StandardVersion.ICSS_2015_2020).orElseThrow();
        Standard newer = catalogue.find(StandardVersion.ICSS_2020_2025).orElseThrow();

        assertThat(newer.problemsWith(allScores(older, 7))).isNotEmpty();
    }

    @Test
    void unknownVersionIsNotFound() {
        assertThat(catalogue.find("ICSS:2025-2030")).isEmpty();
    }

    @Test
    void aCatalogueWithARepeatedCodeIsRejected() {
        Map<String, String> files = Map.of(
                "versions.csv", "ICSS:2030-2035,x.csv,2030-01-01,\n",
                "x.csv", "SRV-01,SERVICE,a\nSRV-01,SERVICE,b\n");

        assertThatThrownBy(() -> StandardsCatalogue.load(
                name -> new ByteArrayInputStream(files.get(name).getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("twice");
    }

    static Map<String, Integer> allScores(Standard standard, int score) {
        Map<String, Integer> scores = new HashMap<>();
        standard.attributeCodes().forEach(code -> scores.put(code.code(), score));
        return scores;
    }
}
