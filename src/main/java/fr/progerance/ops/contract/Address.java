package fr.progerance.ops.contract;

import fr.progerance.ops.web.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A billing address as the API reads and writes it.
 *
 * @param country ISO 3166-1 alpha-2; FR when omitted
 */
public record Address(
        @NotBlank @Size(max = 200) @PlainText String line1,
        @Size(max = 200) @PlainText String line2,
        @NotBlank @Size(max = 16) @PlainText String postalCode,
        @NotBlank @Size(max = 100) @PlainText String city,
        @Size(min = 2, max = 2) @PlainText String country) {

    static Address of(BillingAddress a) {
        return new Address(a.getLine1(), a.getLine2(), a.getPostalCode(), a.getCity(), a.getCountry());
    }
}
