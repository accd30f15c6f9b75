package fr.progerance.ops.contract;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A client's billing address (invoices, R7.2). */
@Embeddable
public class BillingAddress {

    @Column(name = "address_line1", nullable = false, length = 200)
    private String line1;

    @Column(name = "address_line2", length = 200)
    private String line2;

    @Column(name = "postal_code", nullable = false, length = 16)
    private String postalCode;

    @Column(name = "city", nullable = false, length = 100)
    private String city;

    /** ISO 3166-1 alpha-2. */
    @Column(name = "country_code", nullable = false, length = 2)
    private String country;

    protected BillingAddress() {
    }

    public BillingAddress(String line1, String line2, String postalCode, String city, String country) {
        this.line1 = line1;
        this.line2 = line2;
        this.postalCode = postalCode;
        this.city = city;
        this.country = country;
    }

    public String getLine1() {
        return line1;
    }

    public String getLine2() {
        return line2;
    }

    public String getPostalCode() {
        return postalCode;
    }

    public String getCity() {
        return city;
    }

    public String getCountry() {
        return country;
    }
}
