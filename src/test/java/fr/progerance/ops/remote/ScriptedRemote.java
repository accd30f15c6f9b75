package fr.progerance.ops.remote;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A fake at the remote port (DESIGN rule 10) for the flow tests: answers each command template as
 * the scenario says, records what was sent, and can fail like a real server does. The end-to-end
 * tests use the real executor against an embedded SSH server instead.
 */
public final class ScriptedRemote implements RemoteExecutor {

    /** One command sent: the template and its arguments. */
    public record Sent(CommandTemplate template, List<String> args) {
    }

    private final Map<CommandTemplate, Function<List<String>, CommandResult>> answers =
            Collections.synchronizedMap(new EnumMap<>(CommandTemplate.class));
    private final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());

    /** A healthy server: every command exits 0 with plausible output. */
    public ScriptedRemote() {
        answer(CommandTemplate.UPTIME, 0, "86400.00 172000.00\n");
        answer(CommandTemplate.LOAD_AVERAGE, 0, "0.42 0.35 0.30 1/123 4567\n");
        answer(CommandTemplate.DISK_USAGE, 0, "Filesystem 1024-blocks Used Available Capacity Mounted on\n"
                + "/dev/vda1 41152736 12345678 28807058 31% /\n");
        answer(CommandTemplate.FAILED_SERVICES, 0, "php8.2-fpm.service loaded failed failed PHP 8.2 FastCGI\n");
        answer(CommandTemplate.RESTART_SERVICE, 0, "");
        answer(CommandTemplate.REBOOT, CommandResult.NO_EXIT_STATUS, "");
        answer(CommandTemplate.SERVICE_STATUS, 0, "active\n");
        // R7.3, R8.2: suspension, reactivation and deletion succeed; the database exists until dropped.
        answer(CommandTemplate.DISABLE_SERVICE, 0, "");
        answer(CommandTemplate.ENABLE_SERVICE, 0, "");
        answer(CommandTemplate.SET_MAINTENANCE_FLAG, 0, "");
        answer(CommandTemplate.CLEAR_MAINTENANCE_FLAG, 0, "");
        answer(CommandTemplate.DATABASE_EXISTS, 0, "");
        answer(CommandTemplate.DROP_DATABASE, 0, "Database dropped\n");
        answer(CommandTemplate.REMOVE_SHOP_DIRECTORY, 0, "");
        // RD-ps: a PrestaShop 8.1.6 shop whose update assistant works (update.shop.PrestaShopFixture has
        // the real files and a console stand-in on the embedded SSH server).
        answer(CommandTemplate.SHOP_VERSION_LINES, args -> new CommandResult(CommandTemplate.SHOP_VERSION_LINES, 0,
                args.get(0) + ":    public const VERSION = '8.1.6';\n" + args.get(1) + ":    public const VERSION = '8.1.6';\n",
                "", Duration.ofMillis(20)));
        answer(CommandTemplate.ASSISTANT_BACKUP_CREATE, 0, "INFO - Starting backup...\n"
                + "INFO - Database backup done in filename " + BACKUP_NAME + ".\nINFO - Backup completed successfully.\n");
        answer(CommandTemplate.ASSISTANT_UPDATE_START, 0, "INFO - Starting upgrade...\n"
                + "INFO - Shop updated to 8.2.1. Congratulations! You can now reactivate your shop.\n");
        answer(CommandTemplate.ASSISTANT_BACKUP_RESTORE, 0, "INFO - Restoring files ...\n"
                + "INFO - Restoration process done. Congratulations! You can now reactivate your shop.\n");
        answer(CommandTemplate.LIST_ASSISTANT_BACKUPS, 0, BACKUP_NAME + "\nauto-backupfiles_" + BACKUP_NAME + ".zip\n");
    }

    /** The backup the default {@code backup:create} answer names. */
    public static final String BACKUP_NAME = "V8.1.6_20260101-020000-1a2b3c4d";

    /** {@code template} exits with {@code status}, printing {@code stdout}. */
    public ScriptedRemote answer(CommandTemplate template, int status, String stdout) {
        return answer(template, args -> new CommandResult(template, status, stdout,
                status == 0 || status == CommandResult.NO_EXIT_STATUS ? "" : "Job failed. See journalctl -xe.\n",
                Duration.ofMillis(20)));
    }

    /** {@code template} does what {@code answer} says: returns a result or throws a {@link RemoteException}. */
    public ScriptedRemote answer(CommandTemplate template, Function<List<String>, CommandResult> answer) {
        answers.put(template, answer);
        return this;
    }

    /** Every command sent so far, in order. */
    public List<Sent> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    /** How many times {@code template} was sent. */
    public long count(CommandTemplate template) {
        return sent().stream().filter(s -> s.template() == template).count();
    }

    @Override
    public CommandResult run(SshTarget target, CommandTemplate template, String... args) {
        template.commandLine(args); // the real validation: a bad argument never reaches a server
        List<String> list = List.of(args);
        sent.add(new Sent(template, list));
        Function<List<String>, CommandResult> answer = answers.get(template);
        if (answer == null) {
            throw new RemoteException("ScriptedRemote has no answer for " + template);
        }
        return answer.apply(list);
    }
}
