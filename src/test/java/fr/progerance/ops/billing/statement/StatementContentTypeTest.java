package fr.progerance.ops.billing.statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Issue 9: the Content-Type says the statement's format; anything else is refused with what to send")
class StatementContentTypeTest {

    @Test
    @DisplayName("application/xml and text/xml are camt.053; text/csv (UTF-8 or no charset) is CSV")
    void accepted() {
        assertThat(StatementController.format("application/xml")).isEqualTo(StatementFormat.CAMT053);
        assertThat(StatementController.format("text/xml; charset=UTF-8")).isEqualTo(StatementFormat.CAMT053);
        assertThat(StatementController.format("Application/XML")).isEqualTo(StatementFormat.CAMT053);
        assertThat(StatementController.format("text/csv")).isEqualTo(StatementFormat.CSV);
        assertThat(StatementController.format("text/csv;charset=utf-8")).isEqualTo(StatementFormat.CSV);
    }

    @Test
    @DisplayName("JSON, plain text, none, an unreadable type, or CSV in another charset: refused naming what to send")
    void refused() {
        for (String type : new String[] {"application/json", "text/plain", null, "", "not a type",
            "multipart/form-data; boundary=x"}) {
            assertThatThrownBy(() -> StatementController.format(type)).as(String.valueOf(type))
                    .isInstanceOf(StatementController.UnsupportedStatementType.class)
                    .hasMessageContaining("send a camt.053 statement as application/xml or a CSV statement as text/csv");
        }
        assertThatThrownBy(() -> StatementController.format("text/csv; charset=ISO-8859-1"))
                .hasMessage("A CSV statement is read as UTF-8, not ISO-8859-1: save it as UTF-8");
    }
}
