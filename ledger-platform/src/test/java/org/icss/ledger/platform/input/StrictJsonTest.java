package org.icss.ledger.platform.input;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The strict reader of request bodies, and the lenient mapper (Axon's, Kafka's) it is copied from. */
class StrictJsonTest {

    enum Result { PASSED, FAILED }

    record Body(String name, Integer seasonYear, LocalDate wonOn, Result result, Map<String, Integer> scores,
                Boolean flag) {
    }

    /** The application's mapper as Spring Boot builds it (unknown fields ignored, java.time registered). */
    private static final ObjectMapper APPLICATION = Jackson2ObjectMapperBuilder.json().build();
    private static final ObjectMapper STRICT = StrictJson.strict(APPLICATION);

    private static Body read(String json) throws Exception {
        return STRICT.readValue(json.replace('\'', '"'), Body.class);
    }

    @Test
    void aWellFormedBodyIsReadAndItsTextNormalisedToNfc() throws Exception {
        Body body = read("{'name':'Cafe\u0301 Zu\u0308rich','seasonYear':2024,'wonOn':'2024-11-08',"
                + "'result':'PASSED','scores':{'SRV-01':8},'flag':true}");
        assertThat(body.name()).isEqualTo("Caf\u00e9 Z\u00fcrich");
        assertThat(body.wonOn()).isEqualTo(LocalDate.of(2024, 11, 8));
        assertThat(body.scores()).containsEntry("SRV-01", 8);
    }

    @Test
    void aKeyTwiceIsRefusedNotTheLastOneKept() {
        assertThatThrownBy(() -> read("{'scores':{'SRV-01':8,'SRV-01':2}}"))
                .hasMessageContaining("Duplicate field 'SRV-01'");
        assertThatThrownBy(() -> read("{'name':'a','name':'b'}")).hasMessageContaining("Duplicate field 'name'");
    }

    @Test
    void anUnknownFieldIsRefused() {
        assertThatThrownBy(() -> read("{'name':'a','nmae':'b'}")).isInstanceOf(UnrecognizedPropertyException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{'name':12345}", "{'name':true}", "{'name':1.5}", "{'name':['a']}", "{'name':{}}",
            "{'seasonYear':'2024'}", "{'seasonYear':2024.5}", "{'seasonYear':2024.0}", "{'seasonYear':true}",
            "{'seasonYear':''}", "{'seasonYear':99999999999}", "{'result':0}", "{'result':''}", "{'result':'MAYBE'}",
            "{'wonOn':'2024-11-08T00:00:00'}", "{'wonOn':'2024-11-08T00:00:00Z'}", "{'wonOn':20241108}",
            "{'wonOn':[2024,11,8]}", "{'wonOn':'2024-02-30'}", "{'wonOn':'08/11/2024'}", "{'wonOn':''}",
            "{'scores':''}", "{'scores':[]}", "{'scores':{'SRV-01':'8'}}", "{'scores':{'SRV-01':7.5}}",
            "{'flag':'true'}", "{'flag':1}", "{'name':'a'} {'name':'b'}"})
    void aValueOfAnotherTypeIsRefusedNotCoerced(String json) {
        assertThatThrownBy(() -> read(json)).isInstanceOf(com.fasterxml.jackson.core.JacksonException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"R. Inspector\\u0000", "tab\\there", "line\\nbreak", "del\\u007f", "c1\\u0085",
            "\\ufffe", "\\uffff", "\\ufdd0", "lone \\ud800 high", "lone \\udc00 low", "\\ud83f\\udffe"})
    void textWithControlCharactersNoncharactersOrUnpairedSurrogatesIsRefused(String text) {
        assertThatThrownBy(() -> read("{'name':'" + text + "'}")).isInstanceOf(RefusedInput.class)
                .satisfies(e -> assertThat(((MismatchedInputException) e).getPath().get(0).getFieldName())
                        .isEqualTo("name"));
    }

    @Test
    void extendedYearsAreReadSoThatTheDateWindowCanNameThem() throws Exception {
        assertThat(read("{'wonOn':'+9999999-01-01'}").wonOn()).isEqualTo(LocalDate.of(9_999_999, 1, 1));
        assertThat(read("{'wonOn':'-4800-01-01'}").wonOn()).isEqualTo(LocalDate.of(-4800, 1, 1));
    }

    @Test
    void theApplicationsOwnMapperStaysLenientForStoredEventsAndKafkaRecords() throws Exception {
        Body body = APPLICATION.readValue("{\"name\":\"a\",\"addedByAnUpcaster\":[],\"flag\":true}", Body.class);
        assertThat(body.name()).isEqualTo("a");
        assertThat(APPLICATION.getFactory().isEnabled(com.fasterxml.jackson.core.JsonParser.Feature
                .STRICT_DUPLICATE_DETECTION)).isFalse();
    }
}
