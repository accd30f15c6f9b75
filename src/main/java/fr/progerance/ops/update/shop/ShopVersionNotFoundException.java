package fr.progerance.ops.update.shop;

/** None of the known version files of the shop holds a version (not a retryable failure). */
public class ShopVersionNotFoundException extends RuntimeException {

    public ShopVersionNotFoundException(String message) {
        super(message);
    }
}
