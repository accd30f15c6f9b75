package fr.progerance.ops.update.shop;

import fr.progerance.ops.remote.NonRetryable;

/**
 * None of the known version files of the shop holds a version, or the file that should hold it holds
 * garbage (RD-ps). Not a retryable failure: retrying reads the same files ({@link NonRetryable}, so a
 * job raises its incident at once); the message names the server, the file and what was wrong.
 */
public class ShopVersionNotFoundException extends RuntimeException implements NonRetryable {

    public ShopVersionNotFoundException(String message) {
        super(message);
    }
}
