package fr.progerance.ops.update.shop;

import fr.progerance.ops.remote.CommandResult;
import fr.progerance.ops.remote.RemoteCommandFailedException;

/**
 * RD-ps, DESIGN rule 13: a command of the update assistant ran and failed (a non-zero exit status),
 * or succeeded without doing what it must (a backup without a name). Retryable, as every
 * {@link RemoteCommandFailedException}: the same operation key sends the command again (its record
 * says FAILED). The message is readable and bounded: the console command, the server, the exit
 * status, the operation key and the assistant's last output lines, with the admin directory masked
 * as the assistant masks it itself ({@code **admin_folder**}); never the command line's arguments.
 */
public class UpdateAssistantFailedException extends RemoteCommandFailedException {

    private static final long serialVersionUID = 1L;

    private final String command;

    public UpdateAssistantFailedException(String command, String message, CommandResult result) {
        super(message, result);
        this.command = command;
    }

    /** The assistant's console command: {@code backup:create}, {@code update:start} or {@code backup:restore}. */
    public String command() {
        return command;
    }
}
