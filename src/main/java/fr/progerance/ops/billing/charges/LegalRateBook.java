package fr.progerance.ops.billing.charges;

import fr.progerance.ops.billing.BillingSettings;
import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.calendar.Semester;
import fr.progerance.ops.web.ConflictException;
import fr.progerance.ops.web.FieldProblem;
import fr.progerance.ops.web.InvalidInputException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The legal-rate table (R7.5): the rows of the data file ({@code ops.billing.charges.legal-rates-file},
 * read and checked once at start-up: a bad row stops the start, naming its line) and the rates
 * managers entered since (table {@code ops_legal_rate}, with who and when). A file row wins and
 * cannot be overwritten; an entered rate cannot be changed either (a semester has one rate).
 */
@Service
public class LegalRateBook implements LegalRates {

    private static final Logger LOG = LoggerFactory.getLogger(LegalRateBook.class);

    /** Where a row of the table comes from. */
    public enum Origin {
        /** The bundled data file. */
        FILE,
        /** Entered by a manager. */
        ENTERED
    }

    /** One row of the table as {@code GET /api/billing/legal-rates} shows it. */
    public record Row(String semester, BigDecimal ratePercent, String source, Origin origin, String enteredBy,
            Instant enteredAt) {
    }

    private final Map<Semester, LegalRate> fileRates;
    private final String fileName;
    private final EnteredLegalRateRepository entered;
    private final EntityManager entityManager;
    private final ApplicationEventPublisher events;
    private final ContractClock clock;

    public LegalRateBook(BillingSettings settings, ResourceLoader resources, EnteredLegalRateRepository entered,
            EntityManager entityManager, ApplicationEventPublisher events, ContractClock clock) {
        String location = settings.getCharges().getLegalRatesFile();
        Resource file = resources.getResource(location);
        this.fileName = location;
        if (!file.exists()) {
            throw new IllegalStateException("R7.5 legal-rate file " + location
                    + " does not exist (setting ops.billing.charges.legal-rates-file)");
        }
        try (InputStreamReader reader = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
            this.fileRates = LegalRateFile.parse(location, reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the legal-rate file " + location, e);
        }
        this.entered = entered;
        this.entityManager = entityManager;
        this.events = events;
        this.clock = clock;
        LOG.info("R7.5 legal-rate table {}: {} semesters, {}", location, fileRates.size(), fileRates.keySet());
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<LegalRate> find(String semester) {
        Optional<Semester> parsed = Semester.parse(semester);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        LegalRate fromFile = fileRates.get(parsed.get());
        if (fromFile != null) {
            return Optional.of(fromFile);
        }
        return entered.findById(parsed.get().toString())
                .map(e -> new LegalRate(e.getSemester(), e.getRatePercent(), e.getSource(), e.getEnteredBy()));
    }

    /** Every semester with a rate, in order, with where it comes from (a file row hides an entered one). */
    @Transactional(readOnly = true)
    public List<Row> all() {
        List<Row> rows = new ArrayList<>();
        fileRates.values().forEach(r -> rows.add(new Row(r.semester(), r.ratePercent(), r.source(), Origin.FILE, null, null)));
        for (EnteredLegalRate e : entered.findAllByOrderBySemesterAsc()) {
            Semester s = Semester.parse(e.getSemester()).orElse(null);
            if (s != null && !fileRates.containsKey(s)) {
                rows.add(new Row(e.getSemester(), e.getRatePercent(), e.getSource(), Origin.ENTERED, e.getEnteredBy(),
                        e.getEnteredAt()));
            }
        }
        rows.sort(Comparator.comparing(r -> Semester.parse(r.semester()).orElseThrow()));
        return rows;
    }

    @Override
    @Transactional
    public LegalRate enter(String semester, BigDecimal ratePercent, String source, String enteredBy) {
        List<FieldProblem> problems = LegalRateRules.problems(semester, ratePercent, source);
        if (enteredBy == null || enteredBy.isBlank() || enteredBy.length() > 64) {
            problems.add(new FieldProblem("enteredBy", "is required (the manager's user id, at most 64 characters)"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Semester s = Semester.parse(semester).orElseThrow();
        String key = s.toString();
        String text = source.strip();
        if (fileRates.containsKey(s)) {
            throw new ConflictException("The legal rate of " + key + " comes from the data file " + fileName
                    + " and cannot be overwritten", List.of(new FieldProblem("semester", key
                    + " already has the rate " + fileRates.get(s).ratePercent().toPlainString() + " % from the data file")));
        }
        Optional<EnteredLegalRate> existing = entered.findById(key);
        if (existing.isPresent()) {
            throw alreadyEntered(key, existing.get());
        }
        EnteredLegalRate row = new EnteredLegalRate(key, ratePercent, text, enteredBy, clock.instant());
        try {
            entityManager.persist(row);
            entityManager.flush();
        } catch (PersistenceException e) {
            // Another manager entered the same semester at the same moment: the primary key decides.
            throw new ConflictException("The legal rate of " + key + " was entered at the same time by someone else",
                    List.of(new FieldProblem("semester", key + " already has a rate")));
        }
        LOG.info("R7.5 legal rate of {} entered by {}: {} % ({})", key, enteredBy, ratePercent.toPlainString(), text);
        publishAfterCommit(new LegalRateEntered(key));
        return new LegalRate(key, ratePercent, text, enteredBy);
    }

    private static ConflictException alreadyEntered(String key, EnteredLegalRate e) {
        return new ConflictException("The legal rate of " + key + " was already entered by " + e.getEnteredBy(),
                List.of(new FieldProblem("semester", key + " already has the rate " + e.getRatePercent().stripTrailingZeros()
                        .toPlainString() + " % entered by " + e.getEnteredBy())));
    }

    private void publishAfterCommit(LegalRateEntered event) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    events.publishEvent(event);
                }
            });
        } else {
            events.publishEvent(event);
        }
    }
}
