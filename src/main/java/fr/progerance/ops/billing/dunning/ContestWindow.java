package fr.progerance.ops.billing.dunning;

import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * R7.6: an invoice is contested only by registered letter within the contest window (8 calendar
 * days) of its issue; after that it is deemed accepted. The letter's date counts, not the day the
 * letter is recorded (the post takes days). A plain rule, without an engine.
 */
public final class ContestWindow {

    private static final DateTimeFormatter FRENCH = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH);

    private ContestWindow() {
    }

    /**
     * A verdict on one letter.
     *
     * @param accepted      within the window
     * @param lastDay       the last day a letter may be dated (issue date + window)
     * @param refusal       why it is refused (English, for ops and the API), null when accepted
     * @param frenchRefusal the same for the client, null when accepted
     */
    public record Verdict(boolean accepted, LocalDate lastDay, String refusal, String frenchRefusal) {
    }

    /**
     * The verdict on a letter dated {@code letterDate} against an invoice issued on {@code issuedOn},
     * judged on {@code today}.
     */
    public static Verdict judge(LocalDate issuedOn, LocalDate letterDate, LocalDate today, Period window) {
        LocalDate lastDay = issuedOn.plus(window);
        if (letterDate.isAfter(today)) {
            return new Verdict(false, lastDay, "The letter's date " + letterDate + " is in the future (today is "
                    + today + ")", "la date de la lettre (" + FRENCH.format(letterDate) + ") est postérieure à"
                    + " la date de sa réception");
        }
        if (letterDate.isBefore(issuedOn)) {
            return new Verdict(false, lastDay, "The letter's date " + letterDate + " is before the invoice's issue on "
                    + issuedOn, "la lettre (" + FRENCH.format(letterDate) + ") est antérieure à l'émission de la"
                    + " facture (" + FRENCH.format(issuedOn) + ")");
        }
        if (letterDate.isAfter(lastDay)) {
            return new Verdict(false, lastDay, "R7.6: a contest must be sent within " + days(window)
                    + " of the issue on " + issuedOn + ", i.e. by " + lastDay + "; the letter is dated " + letterDate
                    + ": the invoice is deemed accepted", "une facture ne peut être contestée que par lettre"
                    + " recommandée dans les " + jours(window) + " suivant son émission, soit au plus tard le "
                    + FRENCH.format(lastDay) + " ; votre lettre est datée du " + FRENCH.format(letterDate)
                    + " et la facture est réputée acceptée (article 7.6 des conditions générales)");
        }
        return new Verdict(true, lastDay, null, null);
    }

    private static String days(Period window) {
        return window.toTotalMonths() == 0 ? window.getDays() + " days" : window.toString();
    }

    private static String jours(Period window) {
        return window.toTotalMonths() == 0 ? window.getDays() + " jours" : window.toString();
    }
}
