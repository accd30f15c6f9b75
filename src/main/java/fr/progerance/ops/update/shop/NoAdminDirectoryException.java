package fr.progerance.ops.update.shop;

import fr.progerance.ops.remote.NonRetryable;

/**
 * RD-ps: the register does not know the shop's admin directory, which every command of the update
 * assistant takes: nothing was sent. Retrying cannot help ({@link NonRetryable}); ops set the
 * server's {@code adminDirectory}.
 */
public class NoAdminDirectoryException extends IllegalStateException implements NonRetryable {

    public NoAdminDirectoryException(String message) {
        super(message);
    }
}
