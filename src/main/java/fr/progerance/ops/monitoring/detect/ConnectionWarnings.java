package fr.progerance.ops.monitoring.detect;

import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.contract.Contact;
import fr.progerance.ops.contract.ContactRepository;
import fr.progerance.ops.contract.ContactRole;
import fr.progerance.ops.contract.Contract;
import fr.progerance.ops.contract.ContractRepository;
import fr.progerance.ops.contract.ContractStatus;
import fr.progerance.ops.contract.Server;
import fr.progerance.ops.contract.ServerRepository;
import fr.progerance.ops.monitoring.probe.CheckResult;
import fr.progerance.ops.notify.Mailer;
import fr.progerance.ops.notify.OutgoingMail;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * R3.7: the software monitors the database connections against the quote's quota and warns the
 * client before the limit. A {@code DB_CONNECTIONS} WARNING mails the client's primary contact in
 * French (template {@code monitoring-db-connections}), at most once per
 * {@code ops.probe.detection.connection-warning-period} per server, recorded in
 * {@code ops_monitoring_connection_warning} (V55).
 *
 * <p>The record is claimed (SENDING) in its own transaction under the contract's row lock, so two
 * rounds or nodes never both warn within the period; then the mail goes out through the
 * {@link Mailer} (idempotent by the record's key) and the record says SENT, or FAILED when SMTP could
 * not take it, so the next WARNING round tries again (DESIGN rule 13: nothing recorded as done that
 * was not). Records older than the retention are deleted when a new one is written (R5.7).
 */
@Component
public class ConnectionWarnings {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionWarnings.class);
    static final String TEMPLATE = "monitoring-db-connections";
    private static final DateTimeFormatter FRENCH = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'à' HH'h'mm",
            Locale.FRENCH);

    /** What {@link #warn} did. */
    public enum Outcome {
        /** The client was mailed now. */
        SENT,
        /** Warned within the period already: nothing sent. */
        ALREADY_WARNED,
        /** Not for us to warn: the contract is not ACTIVE, or the client has no primary contact with an address. */
        NOT_APPLICABLE,
        /** SMTP did not take the mail: the next WARNING round tries again. */
        FAILED
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate own;
    private final ServerRepository servers;
    private final ContractRepository contracts;
    private final ContactRepository contacts;
    private final Mailer mailer;
    private final ContractClock clock;
    private final DetectionSettings settings;

    public ConnectionWarnings(DataSource dataSource, PlatformTransactionManager transactionManager,
            ServerRepository servers, ContractRepository contracts, ContactRepository contacts, Mailer mailer,
            ContractClock clock, DetectionSettings settings) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.own = new TransactionTemplate(transactionManager);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.servers = servers;
        this.contracts = contracts;
        this.contacts = contacts;
        this.mailer = mailer;
        this.clock = clock;
        this.settings = settings;
    }

    private record Claim(long id, String key, List<String> to, Map<String, Object> model) {
    }

    /** Warns the client of {@code serverId} about {@code result} (a DB_CONNECTIONS WARNING) unless warned within the period. */
    public Outcome warn(long serverId, CheckResult result) {
        Instant now = clock.instant();
        Object claimed = own.execute(status -> claim(serverId, result, now));
        if (!(claimed instanceof Claim claim)) {
            return (Outcome) claimed;
        }
        try {
            mailer.send(OutgoingMail.french(claim.key(), claim.to(), TEMPLATE, claim.model()));
        } catch (RuntimeException e) {
            own.executeWithoutResult(s -> jdbc.update(
                    "update ops_monitoring_connection_warning set status = 'FAILED' where id = ?", claim.id()));
            LOG.warn("R3.7: the database connections warning of server {} could not be mailed ({}); the next "
                    + "WARNING round tries again", serverId, e.toString());
            return Outcome.FAILED;
        }
        own.executeWithoutResult(s -> jdbc.update(
                "update ops_monitoring_connection_warning set status = 'SENT', sent_at = ? where id = ?",
                Timestamp.from(clock.instant()), claim.id()));
        LOG.info("R3.7: client of server {} warned of its database connections ({})", serverId, result.detail());
        return Outcome.SENT;
    }

    private Object claim(long serverId, CheckResult result, Instant now) {
        Server server = servers.findById(serverId).orElse(null);
        if (server == null) {
            return Outcome.NOT_APPLICABLE;
        }
        Contract contract = contracts.findForUpdate(server.getContractId()).orElseThrow();
        if (contract.getStatus() != ContractStatus.ACTIVE) {
            return Outcome.NOT_APPLICABLE;
        }
        Integer recent = jdbc.queryForObject("select count(*) from ops_monitoring_connection_warning where server_id = ?"
                + " and status in ('SENDING', 'SENT') and warned_at > ?", Integer.class, serverId,
                Timestamp.from(now.minus(settings.getConnectionWarningPeriod())));
        if (recent != null && recent > 0) {
            return Outcome.ALREADY_WARNED;
        }
        List<String> to = contacts.findByClient_IdOrderByIdAsc(contract.getClientId()).stream()
                .filter(c -> c.getRole() == ContactRole.PRIMARY).map(Contact::getEmail)
                .filter(e -> e != null && !e.isBlank()).distinct().toList();
        if (to.isEmpty()) {
            LOG.warn("R3.7: client of server {} has no primary contact with an email address: the database connections"
                    + " warning ({}) is not sent; add one in the register", serverId, result.detail());
            return Outcome.NOT_APPLICABLE;
        }
        Integer connections = result.value() == null ? null : (int) Math.round(result.value());
        Integer quota = contract.getDbConnectionQuota();
        String key = "monitoring:db-connections:" + serverId + ":" + now.toEpochMilli();
        String detail = result.detail().length() > 500 ? result.detail().substring(0, 497) + "..." : result.detail();
        jdbc.update("delete from ops_monitoring_connection_warning where warned_at < ?",
                Timestamp.from(clock.periodBeforeNow(settings.getRetention())));
        jdbc.update("insert into ops_monitoring_connection_warning (server_id, contract_id, warned_at, connections,"
                + " quota, detail, status, mail_key) values (?, ?, ?, ?, ?, ?, 'SENDING', ?)", serverId,
                contract.getId(), Timestamp.from(now), connections, quota, detail, key);
        Long id = jdbc.queryForObject("select id from ops_monitoring_connection_warning where mail_key = ?", Long.class,
                key);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("reference", contract.getReference());
        model.put("clientName", contract.getClient().getCompanyName());
        model.put("serverName", server.getName());
        model.put("shopUrl", server.getPrestashopUrl());
        model.put("connections", connections);
        model.put("quota", quota);
        model.put("detail", detail);
        model.put("checkedAt", FRENCH.format(clock.atZone(result.checkedAt())));
        model.put("period", french(settings.getConnectionWarningPeriod()));
        return new Claim(id, key, to, model);
    }

    /** The period in French words, for the mail: {@code 1 jour}, {@code 12 heures}, {@code 30 minutes}. */
    static String french(Duration period) {
        if (period.toDays() > 0 && period.equals(Duration.ofDays(period.toDays()))) {
            return period.toDays() + (period.toDays() == 1 ? " jour" : " jours");
        }
        if (period.toHours() > 0 && period.equals(Duration.ofHours(period.toHours()))) {
            return period.toHours() + (period.toHours() == 1 ? " heure" : " heures");
        }
        long minutes = Math.max(1, period.toMinutes());
        return minutes + (minutes == 1 ? " minute" : " minutes");
    }

    /** The warnings recorded for a server, newest first (tests, and ops reading the records). */
    public List<Map<String, Object>> recorded(long serverId) {
        return jdbc.queryForList("select warned_at, connections, quota, detail, status, sent_at, mail_key from"
                + " ops_monitoring_connection_warning where server_id = ? order by id desc", serverId);
    }
}
