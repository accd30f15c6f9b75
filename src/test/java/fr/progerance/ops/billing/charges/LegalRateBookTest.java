package fr.progerance.ops.billing.charges;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.billing.charges.LegalRates.LegalRate;
import fr.progerance.ops.billing.charges.LegalRates.LegalRateEntered;
import fr.progerance.ops.web.ConflictException;
import fr.progerance.ops.web.FieldProblem;
import fr.progerance.ops.web.InvalidInputException;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.support.TransactionTemplate;

/** The legal-rate table of the running application: file rows, managers' rows, the event. */
@OpsSpringBootTest
@RecordApplicationEvents
@DisplayName("R7.5 legal-rate table: file rows win, managers enter a missing semester once, with who and when")
class LegalRateBookTest {

    @Autowired
    LegalRateBook book;
    @Autowired
    LateCharges charges;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    ApplicationEvents events;

    @Test
    @DisplayName("R7.5: the data file's rows are found with their source")
    void fileRows() {
        LegalRate rate = book.find("2025-S1").orElseThrow();
        assertThat(rate.ratePercent()).isEqualByComparingTo("3.71");
        assertThat(rate.source()).contains("17 décembre 2024");
        assertThat(rate.enteredBy()).isNull();
        assertThat(book.find("2190-S2")).isEmpty();
        assertThat(book.find("nonsense")).isEmpty();
        assertThat(book.all()).extracting(LegalRateBook.Row::semester).startsWith("2023-S1", "2023-S2");
    }

    @Test
    @DisplayName("R7.5: a file row cannot be overwritten (409 naming the semester)")
    void fileRowWins() {
        assertThatThrownBy(() -> book.enter("2025-S1", new BigDecimal("9.99"), "Arrêté imaginaire", "manager1"))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field).containsExactly("semester"));
        assertThat(book.find("2025-S1").orElseThrow().ratePercent()).isEqualByComparingTo("3.71");
    }

    @Test
    @DisplayName("R7.5: a manager's rate is recorded with who, is found, lets the waiting computation go on, and is announced after commit")
    void enter() {
        assertThatThrownBy(() -> charges.compute(new BigDecimal("1000.00"), LocalDate.of(2190, 1, 1),
                LocalDate.of(2190, 1, 17))).isInstanceOfSatisfying(MissingLegalRateException.class,
                        e -> assertThat(e.semester()).isEqualTo("2190-S1"));
        LegalRate entered = book.enter("2190-S1", new BigDecimal("3.65"), "Arrêté du test, JO du test", "manager1");
        assertThat(entered.enteredBy()).isEqualTo("manager1");
        assertThat(book.find("2190-S1").orElseThrow().ratePercent()).isEqualByComparingTo("3.65");
        assertThat(events.stream(LegalRateEntered.class)).containsExactly(new LegalRateEntered("2190-S1"));
        // 1000 x 1.5 x 3.65 / 36500 = 0.15 for the one day late.
        assertThat(charges.compute(new BigDecimal("1000.00"), LocalDate.of(2190, 1, 1), LocalDate.of(2190, 1, 17))
                .interest()).hasToString("0.15");
        assertThat(book.all()).filteredOn(r -> r.semester().equals("2190-S1")).singleElement().satisfies(r -> {
            assertThat(r.origin()).isEqualTo(LegalRateBook.Origin.ENTERED);
            assertThat(r.enteredBy()).isEqualTo("manager1");
            assertThat(r.enteredAt()).isNotNull();
        });
        // A semester has one rate: a second entry is refused and changes nothing.
        assertThatThrownBy(() -> book.enter("2190-S1", new BigDecimal("4"), "Autre arrêté", "manager2"))
                .isInstanceOf(ConflictException.class).hasMessageContaining("manager1");
        assertThat(book.find("2190-S1").orElseThrow().ratePercent()).isEqualByComparingTo("3.65");
    }

    @Test
    @DisplayName("R7.5: nothing is announced when the transaction that entered the rate rolls back")
    void noEventWithoutCommit() {
        transactions.executeWithoutResult(status -> {
            book.enter("2191-S1", new BigDecimal("2.5"), "Arrêté du test", "manager1");
            assertThat(events.stream(LegalRateEntered.class)).isEmpty();
            status.setRollbackOnly();
        });
        assertThat(events.stream(LegalRateEntered.class)).isEmpty();
        assertThat(book.find("2191-S1")).isEmpty();
    }

    @Test
    @DisplayName("R7.5: a bad semester, rate or source is refused naming each field")
    void invalid() {
        assertThatThrownBy(() -> book.enter("2190-S3", new BigDecimal("0"), " ", "manager1"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field).containsExactly("semester", "ratePercent", "source"));
        assertThatThrownBy(() -> book.enter("2190-S2", new BigDecimal("2.123456"), "Arrêté", "manager1"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field).containsExactly("ratePercent"));
    }
}
