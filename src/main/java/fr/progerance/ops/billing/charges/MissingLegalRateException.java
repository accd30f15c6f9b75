package fr.progerance.ops.billing.charges;

/**
 * R7.5: a day late falls in a semester whose legal rate is not in the table yet (the rate of a
 * semester is published shortly before it starts). Never a silent zero: the computation stops and
 * names the semester; a managers' task asks for the rate and its source.
 */
public class MissingLegalRateException extends RuntimeException {

    private final String semester;

    /** @param semester e.g. {@code 2027-S1} */
    public MissingLegalRateException(String semester) {
        super("The legal interest rate of semester " + semester + " is not known yet: enter it with its source");
        this.semester = semester;
    }

    /** The semester, as {@code YYYY-S1} or {@code YYYY-S2}. */
    public String semester() {
        return semester;
    }
}
