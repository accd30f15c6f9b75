package fr.progerance.ops.calendar;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.progerance.ops.web.ApiExceptionHandler;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The SLA endpoints over MockMvc (authentication filters are tested with the whole application). The
 * {@code test} profile supplies the settings every context of the application needs at start-up.
 */
@WebMvcTest(controllers = SlaController.class)
@AutoConfigureMockMvc(addFilters = false)
@Import({CalendarConfiguration.class, SlaDeadlines.class, ApiExceptionHandler.class})
@ActiveProfiles("test")
@DisplayName("GET /api/sla: incident deadlines (R4.3-*) and business deadlines (RC-business, R3.6-d)")
class SlaControllerTest {

    @Autowired
    private MockMvc mvc;

    private static MockHttpServletRequestBuilder incident(String infrastructure, String level, String category,
            String detectedAt) {
        MockHttpServletRequestBuilder request = get("/api/sla/incident-deadlines");
        param(request, "infrastructure", infrastructure);
        param(request, "level", level);
        param(request, "category", category);
        param(request, "detectedAt", detectedAt);
        return request;
    }

    private static MockHttpServletRequestBuilder business(String from, String hours) {
        MockHttpServletRequestBuilder request = get("/api/sla/business-deadline");
        param(request, "from", from);
        param(request, "hours", hours);
        return request;
    }

    /** "-" in a table means "parameter absent". */
    private static void param(MockHttpServletRequestBuilder request, String name, String value) {
        if (!"-".equals(value)) {
            request.param(name, value == null ? "" : value);
        }
    }

    @ParameterizedTest(name = "{0}: {1} level {2} {3} at {4} -> {5}")
    @CsvSource(delimiter = '|', value = {
            "R4.3-p1 | PROGERANCE | 1 | TROUBLESHOOTING | 2026-03-30T09:00:00+02:00 | {\"guaranteed\":true,\"interventionDue\":\"2026-03-30T09:10:00+02:00\",\"restorationDue\":\"2026-03-30T09:40:00+02:00\",\"rule\":\"R4.3-p1\"}",
            "R4.3-p1 | PROGERANCE | 1 | UPDATE          | 2026-03-29T01:50:00+01:00 | {\"guaranteed\":true,\"interventionDue\":\"2026-03-29T03:20:00+02:00\",\"restorationDue\":\"2026-03-29T03:50:00+02:00\",\"rule\":\"R4.3-p1\"}",
            "R4.3-p1 | PROGERANCE | 1 | TROUBLESHOOTING | 2026-04-06T08:00:00Z      | {\"guaranteed\":true,\"interventionDue\":\"2026-04-06T10:30:00+02:00\",\"restorationDue\":\"2026-04-06T11:00:00+02:00\",\"rule\":\"R4.3-p1\"}",
            "R4.3-p2 | PROGERANCE | 2 | TROUBLESHOOTING | 2026-04-10T17:30:00+02:00 | {\"guaranteed\":true,\"interventionDue\":\"2026-04-13T07:30:00+02:00\",\"restorationDue\":\"2026-04-13T07:30:00+02:00\",\"rule\":\"R4.3-p2\"}",
            "R4.3-p2 | PROGERANCE | 2 | UPDATE          | 2026-10-23T17:30:00+02:00 | {\"guaranteed\":true,\"interventionDue\":\"2026-10-26T08:30:00+01:00\",\"restorationDue\":\"2026-10-26T08:30:00+01:00\",\"rule\":\"R4.3-p2\"}",
            "R4.3-t1 | TIERCE     | 1 | TROUBLESHOOTING | 2026-04-07T10:00:00+02:00 | {\"guaranteed\":true,\"interventionDue\":\"2026-04-07T10:15:00+02:00\",\"restorationDue\":null,\"rule\":\"R4.3-t1\"}",
            "R4.3-t2 | TIERCE     | 2 | UPDATE          | 2026-04-10T19:00:00+02:00 | {\"guaranteed\":false,\"interventionDue\":null,\"restorationDue\":null,\"rule\":\"R4.3-t2\"}"
    })
    void incidentDeadlines(String rule, String infrastructure, String level, String category, String detectedAt,
            String json) throws Exception {
        mvc.perform(incident(infrastructure, level, category, detectedAt))
                .andExpect(status().isOk())
                .andExpect(content().json(json, true));
    }

    @Test
    @DisplayName("R4.3-t1/t2: absent deadlines are JSON nulls, not missing fields")
    void nullsArePresent() throws Exception {
        mvc.perform(incident("TIERCE", "1", "UPDATE", "2026-04-10T19:00:00+02:00"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("\"interventionDue\":null")))
                .andExpect(content().string(containsString("\"restorationDue\":null")));
    }

    @Test
    @DisplayName("R4.3-p1: an unencoded '+' (decoded to a space) before the offset is accepted")
    void unencodedPlus() throws Exception {
        mvc.perform(incident("PROGERANCE", "1", "TROUBLESHOOTING", "2026-04-06T10:00:00 02:00"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.interventionDue").value("2026-04-06T10:30:00+02:00"))
                .andExpect(jsonPath("$.rule").value("R4.3-p1"));
    }

    @ParameterizedTest(name = "{0}: infrastructure={1} level={2} category={3} detectedAt={4} -> 400 on {5}")
    @CsvSource(delimiter = '|', value = {
            "missing infrastructure | -          | 1   | UPDATE  | 2026-04-07T10:00:00+02:00 | infrastructure | is required",
            "missing level          | TIERCE     | -   | UPDATE  | 2026-04-07T10:00:00+02:00 | level          | is required",
            "empty level            | TIERCE     |     | UPDATE  | 2026-04-07T10:00:00+02:00 | level          | is required",
            "missing category       | TIERCE     | 1   | -       | 2026-04-07T10:00:00+02:00 | category       | is required",
            "missing detectedAt     | TIERCE     | 1   | UPDATE  | -                         | detectedAt     | is required",
            "empty detectedAt       | TIERCE     | 1   | UPDATE  |                           | detectedAt     | is required",
            "unknown infrastructure | CLOUD      | 1   | UPDATE  | 2026-04-07T10:00:00+02:00 | infrastructure | one of PROGERANCE, TIERCE",
            "unknown category       | TIERCE     | 1   | BACKUP  | 2026-04-07T10:00:00+02:00 | category       | one of TROUBLESHOOTING, UPDATE",
            "R4.3 level 3           | PROGERANCE | 3   | UPDATE  | 2026-04-07T10:00:00+02:00 | level          | must be 1 or 2",
            "R4.3 level 0           | TIERCE     | 0   | UPDATE  | 2026-04-07T10:00:00+02:00 | level          | must be 1 or 2",
            "level not a number     | PROGERANCE | one | UPDATE  | 2026-04-07T10:00:00+02:00 | level          | is not a whole number",
            "no offset              | PROGERANCE | 1   | UPDATE  | 2026-04-07T10:00:00       | detectedAt     | is not an ISO-8601 date-time with offset",
            "not a date             | PROGERANCE | 1   | UPDATE  | yesterday                 | detectedAt     | is not an ISO-8601 date-time with offset",
            "date only              | PROGERANCE | 1   | UPDATE  | 2026-04-07                | detectedAt     | is not an ISO-8601 date-time with offset",
            "absurd year            | PROGERANCE | 1   | UPDATE  | 2500-04-07T10:00:00+02:00 | detectedAt     | must be in the years",
            "deadline beyond range  | PROGERANCE | 2   | UPDATE  | 2200-12-31T17:30:00+01:00 | detectedAt     | 2201",
            "issue 7 oldest instant | PROGERANCE | 1   | UPDATE  | -999999999-01-01T00:00:00+18:00 | detectedAt | must be in the years",
            "issue 7 latest instant | PROGERANCE | 1   | UPDATE  | +999999999-12-31T23:59:59-18:00 | detectedAt | must be in the years",
            "issue 7 long level     | PROGERANCE | 99999999999999999999 | UPDATE | 2026-04-07T10:00:00+02:00 | level | is not a whole number"
    })
    void incidentDeadlinesRejects(String why, String infrastructure, String level, String category,
            String detectedAt, String field, String message) throws Exception {
        mvc.perform(incident(infrastructure, level, category, detectedAt))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.problems.length()").value(1))
                .andExpect(jsonPath("$.problems[0].field").value(field))
                .andExpect(jsonPath("$.problems[0].message").value(containsString(message)));
    }

    @ParameterizedTest(name = "{0}: from {1} + {2} h -> {3}")
    @CsvSource({
            "R3.6-d night,        2026-04-07T16:00:00+02:00, 4,    2026-04-08T11:00:00+02:00",
            "R3.6-d weekend,      2026-04-10T15:00:00+02:00, 4,    2026-04-13T10:00:00+02:00",
            "R3.6-d Whit Monday,  2026-05-22T16:00:00+02:00, 4.0,  2026-05-26T11:00:00+02:00",
            "R3.6-d Christmas,    2026-12-24T16:00:00+01:00, 4,    2026-12-28T11:00:00+01:00",
            "R3.6-d summer time,  2026-03-27T16:00:00+01:00, 4,    2026-03-30T11:00:00+02:00",
            "R3.6-d UTC input,    2026-04-07T08:00:00Z,      4,    2026-04-07T14:00:00+02:00",
            "RC-business decimal, 2026-04-07T17:00:00+02:00, 1.25, 2026-04-08T09:15:00+02:00",
            "RC-business exact,   2026-04-07T17:00:00+02:00, 1,    2026-04-07T18:00:00+02:00",
            "RC-business zero,    2026-04-11T10:00:00+02:00, 0,    2026-04-13T09:00:00+02:00"
    })
    void businessDeadline(String rule, String from, String hours, String due) throws Exception {
        mvc.perform(business(from, hours))
                .andExpect(status().isOk())
                .andExpect(content().json("{\"due\":\"" + due + "\"}", true));
    }

    @Test
    @DisplayName("RC-business: an unencoded '+' in 'from' is accepted too")
    void businessDeadlineUnencodedPlus() throws Exception {
        mvc.perform(business("2026-04-07T16:00:00 02:00", "4"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.due").value("2026-04-08T11:00:00+02:00"));
    }

    @ParameterizedTest(name = "{0}: from={1} hours={2} -> 400 on {3}")
    @CsvSource(delimiter = '|', value = {
            "missing from        | -                         | 4       | from  | is required",
            "missing hours       | 2026-04-07T16:00:00+02:00 | -       | hours | is required",
            "malformed from      | 2026-04-07 16:00          | 4       | from  | is not an ISO-8601 date-time with offset",
            "hours not a number  | 2026-04-07T16:00:00+02:00 | four    | hours | is not a decimal number",
            "negative hours      | 2026-04-07T16:00:00+02:00 | -1      | hours | must be between 0 and 8784",
            "too many hours      | 2026-04-07T16:00:00+02:00 | 8784.01 | hours | must be between 0 and 8784",
            "absurd year         | 0099-04-07T16:00:00+02:00 | 4       | from  | must be in the years",
            "issue 7 huge        | 2026-04-07T16:00:00+02:00 | 1e2147483647  | hours | must be between 0 and 8784, got '1e2147483647'",
            "issue 7 20 MB       | 2026-04-07T16:00:00+02:00 | 1e20000000    | hours | must be between 0 and 8784, got '1e20000000'",
            "issue 7 tiny        | 2026-04-07T16:00:00+02:00 | 1e-2147483647 | hours | has at most 6 decimals",
            "empty hours         | 2026-04-07T16:00:00+02:00 |               | hours | is required"
    })
    void businessDeadlineRejects(String why, String from, String hours, String field, String message)
            throws Exception {
        mvc.perform(business(from, hours))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.problems.length()").value(1))
                .andExpect(jsonPath("$.problems[0].field").value(field))
                .andExpect(jsonPath("$.problems[0].message").value(containsString(message)));
    }
}
