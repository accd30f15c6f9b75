package fr.progerance.ops.billing.suspension;

import fr.progerance.ops.backup.offsite.OffsiteStore;
import fr.progerance.ops.backup.repository.ClientRepositories;
import fr.progerance.ops.billing.BillingSettings;
import fr.progerance.ops.calendar.Infrastructure;
import fr.progerance.ops.remote.CommandResult;
import fr.progerance.ops.remote.CommandTemplate;
import fr.progerance.ops.remote.RemoteCommandFailedException;
import fr.progerance.ops.remote.RemoteException;
import fr.progerance.ops.remote.RemoteExecutor;
import fr.progerance.ops.remote.RemoteOperations;
import fr.progerance.ops.remote.SshTarget;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * {@link ClientServices} on the client's servers over SSH and on its backup repositories (R7.3,
 * R8.2). The servers are those of the client's contracts in service ({@link ClientServers}).
 *
 * <h2>Suspension (R7.3), per server</h2>
 * <ul>
 *   <li><b>PROGERANCE</b>: "the server is stopped" means every hosting unit of
 *       {@code ops.billing.suspension.progerance-units} (nginx, PHP-FPM by default) is stopped and
 *       disabled ({@code sudo -n systemctl disable --now -- <unit>}), so nothing of the shop answers
 *       or starts again at boot. The machine itself stays up and reachable by SSH for the provider
 *       only, so that the reactivation and the R8.2 deletion stay automatic; powering it off would
 *       need the hypervisor's API, which the engine does not drive.</li>
 *   <li><b>TIERCE</b>: first the maintenance flag {@code <install path>/<maintenance-flag>}
 *       ({@code .ops-maintenance} by default) is created ({@code sudo -n touch}); the web server's
 *       documented rule (README) answers every request of the shop with a 503 maintenance page while
 *       it exists. Then the units of {@code ops.billing.suspension.tierce-units} (PHP-FPM by default)
 *       are stopped and disabled; the web server keeps running to serve the page.</li>
 * </ul>
 *
 * <h2>Reactivation (R8.2)</h2>
 * The reverse, per server: the units enabled and started ({@code sudo -n systemctl enable --now}),
 * in the reverse order, each then checked active ({@code systemctl is-active}, read-only); on
 * TIERCE the flag is removed last, with a template that can only remove a maintenance flag.
 *
 * <h2>Deletion (R8.2)</h2>
 * First the audit record ({@link DeletionAuditLog}): written and committed before anything is
 * deleted, under the client's row lock, refused while a deletion hold stands; it lists each
 * server's database and shop directory, the local restic repository and the off-site copy. Then,
 * in that order, each item is deleted and marked done with its outcome: the database dropped
 * ({@code mysqladmin --force drop}, after a read-only {@code mysql} check that it exists: dropping
 * a missing database fails, so a database already gone is recorded as such and not dropped again),
 * the shop directory removed ({@code sudo -n rm -rf --one-file-system}, only a strict
 * {@code SHOP_DIRECTORY}), the local repository and its password file deleted
 * ({@link ClientRepositories#delete}), the off-site copy deleted ({@link OffsiteStore#delete}).
 * A retry reads the same audit record (found by the operation key) and goes on with the items not
 * done: it deletes what the record says, whatever the register says meanwhile.
 *
 * <h2>Once, and idempotent</h2>
 * Every command that changes a server goes through {@link RemoteOperations#runOnce} with the key
 * {@code <operationKey>:<serverId>:<step>} (steps {@code maintenance-on}, {@code stop:<unit>},
 * {@code start:<unit>}, {@code maintenance-off}, {@code drop-database}, {@code remove-directory}),
 * so a retried job never sends a step that was done; each step is also idempotent on the server
 * (disabling a stopped unit, touching an existing flag, removing a missing flag or directory all
 * succeed). Read-only checks (is a unit active, does a database exist) run fresh each time, without
 * a record. A non-zero exit status is a failure: the method throws, the job retries, then raises an
 * incident (DESIGN rule 13). Callers give a new operation key to each suspension, reactivation and
 * deletion (a second suspension with the key of the first would find every step done).
 */
@Service
public class ClientServicesOnServers implements ClientServices {

    /** The longest operation key of {@code ops_remote_operation}. */
    static final int MAX_REMOTE_KEY = 200;

    /** An operation key: printable ASCII without spaces, at most 150 characters. */
    static final Pattern OPERATION_KEY = Pattern.compile("[\\x21-\\x7e]{1,150}");

    /** A rule id of contract/RULES.md, e.g. {@code R8.2}. */
    static final Pattern RULE = Pattern.compile("R[0-9]+(\\.[0-9]+)*(-[A-Za-z0-9]+)?");

    /** How mysql says a database does not exist (ER_BAD_DB_ERROR), MariaDB and MySQL alike. */
    static final String UNKNOWN_DATABASE = "ERROR 1049";

    private static final Logger LOG = LoggerFactory.getLogger(ClientServicesOnServers.class);

    private final ClientServers register;
    private final RemoteOperations operations;
    private final RemoteExecutor executor;
    private final BillingSettings.Suspension settings;
    private final DeletionAuditLog audits;
    private final ClientRepositories repositories;
    private final OffsiteStore offsite;

    public ClientServicesOnServers(ClientServers register, RemoteOperations operations, RemoteExecutor executor,
            BillingSettings settings, DeletionAuditLog audits, ClientRepositories repositories, OffsiteStore offsite) {
        this.register = register;
        this.operations = operations;
        this.executor = executor;
        this.settings = settings.getSuspension();
        this.audits = audits;
        this.repositories = repositories;
        this.offsite = offsite;
        checkSettings(this.settings);
    }

    /** Fails at start on units or a flag name the templates would refuse at the first suspension. */
    static void checkSettings(BillingSettings.Suspension settings) {
        for (List<String> units : List.of(settings.getProgeranceUnits(), settings.getTierceUnits())) {
            for (String unit : units) {
                if (!CommandTemplate.Parameter.SYSTEMD_UNIT.accepts(unit)) {
                    throw new IllegalStateException("ops.billing.suspension units: " + unit
                            + " is not a systemd unit name (" + CommandTemplate.Parameter.SYSTEMD_UNIT.pattern() + ")");
                }
            }
        }
        String flag = settings.getMaintenanceFlag();
        if (flag == null || flag.indexOf('/') >= 0
                || !CommandTemplate.Parameter.MAINTENANCE_FLAG.accepts("/var/www/shop/" + flag)) {
            throw new IllegalStateException("ops.billing.suspension.maintenance-flag must be a hidden file name"
                    + " containing \"maintenance\" (e.g. .ops-maintenance), got " + settings.getMaintenanceFlag());
        }
    }

    /** One command of a suspension or reactivation, planned before anything is sent. */
    private record Step(RegisteredServices.ServerRef server, String key, CommandTemplate template, String argument,
            String done) {
    }

    @Override
    public Report suspend(long clientId, String operationKey) {
        requireKey(operationKey);
        List<Step> plan = new ArrayList<>();
        for (RegisteredServices.ServerRef server : register.read(clientId).servers()) {
            if (server.infrastructure() == Infrastructure.TIERCE) {
                String flag = flag(server);
                plan.add(new Step(server, key(operationKey, server, "maintenance-on"),
                        CommandTemplate.SET_MAINTENANCE_FLAG, flag, "maintenance page on (" + flag + ")"));
            }
            for (String unit : units(server)) {
                plan.add(new Step(server, key(operationKey, server, "stop:" + unit), CommandTemplate.DISABLE_SERVICE,
                        unit, unit + " stopped and disabled"));
            }
        }
        List<String> steps = new ArrayList<>();
        for (Step step : plan) {
            steps.add(run(step));
        }
        LOG.warn("R7.3: services of client {} suspended (operation {}): {}", clientId, operationKey, steps);
        return new Report(null, steps);
    }

    @Override
    public Report reactivate(long clientId, String operationKey) {
        requireKey(operationKey);
        List<RegisteredServices.ServerRef> servers = register.read(clientId).servers();
        List<List<Step>> plan = new ArrayList<>();
        for (RegisteredServices.ServerRef server : servers) {
            List<Step> own = new ArrayList<>();
            List<String> units = new ArrayList<>(units(server));
            Collections.reverse(units);
            for (String unit : units) {
                own.add(new Step(server, key(operationKey, server, "start:" + unit), CommandTemplate.ENABLE_SERVICE,
                        unit, unit + " enabled and started"));
            }
            if (server.infrastructure() == Infrastructure.TIERCE) {
                String flag = flag(server);
                own.add(new Step(server, key(operationKey, server, "maintenance-off"),
                        CommandTemplate.CLEAR_MAINTENANCE_FLAG, flag, "maintenance page off (" + flag + " removed)"));
            }
            plan.add(own);
        }
        List<String> steps = new ArrayList<>();
        for (List<Step> own : plan) {
            List<Step> starts = own.stream().filter(s -> s.template() == CommandTemplate.ENABLE_SERVICE).toList();
            for (Step start : starts) {
                steps.add(run(start));
            }
            for (Step start : starts) {
                steps.add(requireActive(start.server(), start.argument(), operationKey));
            }
            // TIERCE: the shop leaves the maintenance page only once its services are active.
            for (Step flag : own.stream().filter(s -> s.template() == CommandTemplate.CLEAR_MAINTENANCE_FLAG).toList()) {
                steps.add(run(flag));
            }
        }
        LOG.info("R8.2: services of client {} reactivated (operation {}): {}", clientId, operationKey, steps);
        return new Report(null, steps);
    }

    private String run(Step step) {
        RemoteOperations.Outcome outcome = operations.runOnce(step.key(), step.server().target(), step.template(),
                step.argument());
        return step.server().label() + ": " + step.done() + note(outcome);
    }

    /** A read-only check, fresh each time: the unit answers {@code active}, or the reactivation fails (retry). */
    private String requireActive(RegisteredServices.ServerRef server, String unit, String operationKey) {
        CommandResult status = executor.run(server.target(), CommandTemplate.SERVICE_STATUS, unit);
        if (!status.succeeded()) {
            throw new RemoteException("R8.2: " + server.label() + ": " + unit + " is not active after it was enabled"
                    + " and started (systemctl is-active: " + firstLine(status.stdout()) + ", exit status "
                    + status.exitStatus() + "; operation " + operationKey + ")");
        }
        return server.label() + ": " + unit + " is active";
    }

    @Override
    public Report delete(long clientId, String operationKey, String rule) {
        requireKey(operationKey);
        if (rule == null || !RULE.matcher(rule).matches()) {
            throw new IllegalArgumentException("A deletion names its rule id, e.g. R8.2; got " + rule);
        }
        DeletionAudit audit = audits.find(operationKey).orElse(null);
        if (audit == null) {
            RegisteredServices plan = register.planDeletion(clientId);
            for (RegisteredServices.ServerRef server : plan.servers()) {
                key(operationKey, server, "remove-directory"); // the keys fit before anything is written
            }
            audit = audits.open(plan, operationKey, rule, repositories.repository(clientId).location().toString(),
                    repositories.offsiteName(clientId));
        } else if (audit.getClientId() != clientId || !audit.getRule().equals(rule)) {
            throw new IllegalArgumentException("Operation " + operationKey + " is the deletion of client "
                    + audit.getClientId() + " under " + audit.getRule() + ", not of client " + clientId + " under " + rule);
        }
        List<String> steps = new ArrayList<>();
        for (DeletionAuditItem item : audit.getItems()) {
            if (item.isDone()) {
                steps.add(item.describe() + ": " + item.getOutcome() + " (done before)");
                continue;
            }
            String outcome = switch (item.getKind()) {
                case DATABASE -> dropDatabase(operationKey, item);
                case DIRECTORY -> removeDirectory(operationKey, item);
                case LOCAL_REPOSITORY -> "deleted: " + repositories.delete(clientId);
                case OFFSITE_COPY -> {
                    offsite.delete(item.getTarget());
                    yield "deleted from the off-site store (nothing is left under " + item.getTarget() + ")";
                }
            };
            audits.done(audit.getId(), item.getId(), outcome);
            steps.add(item.describe() + ": " + outcome);
        }
        audits.complete(audit.getId());
        LOG.warn("{}: data of client {} deleted (audit record {}, operation {}): {}", rule, clientId, audit.getId(),
                operationKey, steps);
        return new Report(audit.getId(), steps);
    }

    /**
     * Drops the database unless it is gone already: {@code mysqladmin drop} of a missing database
     * fails, so a fresh read-only check comes first (also after a drop whose result was lost).
     */
    private String dropDatabase(String operationKey, DeletionAuditItem item) {
        RegisteredServices.ServerRef server = item.server();
        SshTarget target = server.target();
        String database = item.getTarget();
        CommandResult exists = executor.run(target, CommandTemplate.DATABASE_EXISTS, database);
        if (!exists.succeeded()) {
            if (exists.hasExitStatus() && exists.stderr().contains(UNKNOWN_DATABASE)) {
                return "no database " + database + " on the server (dropped earlier or never created): nothing to drop";
            }
            throw new RemoteCommandFailedException("R8.2: DATABASE_EXISTS [" + database + "] on " + target.describe()
                    + " failed with exit status " + exists.exitStatus() + ": " + firstLine(exists.stderr())
                    + " (operation " + operationKey + ")", exists);
        }
        RemoteOperations.Outcome dropped = operations.runOnce(key(operationKey, server, "drop-database"), target,
                CommandTemplate.DROP_DATABASE, database);
        return "dropped (" + dropped.describe() + ")";
    }

    private String removeDirectory(String operationKey, DeletionAuditItem item) {
        RegisteredServices.ServerRef server = item.server();
        RemoteOperations.Outcome removed = operations.runOnce(key(operationKey, server, "remove-directory"),
                server.target(), CommandTemplate.REMOVE_SHOP_DIRECTORY, item.getTarget());
        return "removed (" + removed.describe() + ")";
    }

    private List<String> units(RegisteredServices.ServerRef server) {
        return server.infrastructure() == Infrastructure.TIERCE ? settings.getTierceUnits()
                : settings.getProgeranceUnits();
    }

    /** The maintenance flag of a TIERCE server's shop; refused before anything is sent when it is not a shop directory. */
    private String flag(RegisteredServices.ServerRef server) {
        String flag = server.installPath() + "/" + settings.getMaintenanceFlag();
        if (!CommandTemplate.Parameter.MAINTENANCE_FLAG.accepts(flag)) {
            throw new IllegalStateException("R7.3: " + server.label() + ": the install path " + server.installPath()
                    + " is not a shop directory (a system directory, or fewer than two names): no maintenance flag"
                    + " can be set there; correct the register");
        }
        return flag;
    }

    /** {@code <operationKey>:<serverId>:<step>}, the operation record's key. */
    static String key(String operationKey, RegisteredServices.ServerRef server, String step) {
        String key = operationKey + ":" + server.id() + ":" + step;
        if (key.length() > MAX_REMOTE_KEY) {
            throw new IllegalArgumentException("The operation key " + key + " is longer than " + MAX_REMOTE_KEY
                    + " characters: use a shorter operation key");
        }
        return key;
    }

    private static void requireKey(String operationKey) {
        if (operationKey == null || !OPERATION_KEY.matcher(operationKey).matches()) {
            throw new IllegalArgumentException("An operation key is 1 to 150 printable characters without spaces, got "
                    + (operationKey == null ? "null" : "\"" + operationKey.replaceAll("\\p{Cntrl}", "?") + "\""));
        }
    }

    private static String note(RemoteOperations.Outcome outcome) {
        return outcome.note() == null ? "" : " (" + outcome.note() + ")";
    }

    private static String firstLine(String text) {
        String line = text == null ? "" : text.strip().lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
