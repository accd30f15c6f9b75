package fr.progerance.ops.incident;

import fr.progerance.ops.contract.Contact;
import fr.progerance.ops.contract.ContactRole;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Whom to ask, in order, for a decision (R4.3-t5 (1)): the primary contact, then the secondary
 * contacts by their order, then the 24/7 on-call contact (R4.3-t4). Every one of them is called,
 * even one who may not authorise, to reach someone who can; but when the client names persons
 * authorised to decide, only their answer counts as a decision (only they get a decision link).
 * Without any authorised person, the same contacts are asked for an explicit validation (R4.3-t4).
 */
public final class DecisionContacts {

    private DecisionContacts() {
    }

    public static List<Contact> inOrder(Collection<Contact> contacts) {
        return contacts.stream().filter(DecisionContacts::decides)
                .sorted(Comparator.comparingInt(DecisionContacts::rank)
                        .thenComparing(c -> c.getSecondaryOrder() == null ? 0 : c.getSecondaryOrder())
                        .thenComparing(Contact::getId, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
    }

    /**
     * R4.3-t4: whether {@code contact}'s answer counts as the client's decision: yes for a person
     * authorised to decide, and for anyone asked when the client named nobody (among {@code all} its
     * contacts).
     */
    public static boolean mayDecide(Contact contact, Collection<Contact> all) {
        return contact.isMayAuthorise() || all.stream().noneMatch(Contact::isMayAuthorise);
    }

    private static boolean decides(Contact c) {
        return c.getRole() == ContactRole.PRIMARY || c.getRole() == ContactRole.SECONDARY
                || c.getRole() == ContactRole.ON_CALL;
    }

    private static int rank(Contact c) {
        return switch (c.getRole()) {
            case PRIMARY -> 0;
            case SECONDARY -> 1;
            default -> 2;
        };
    }

    /** How ops see a contact in the call task: name, role, phone and email. */
    public static String label(Contact c) {
        StringBuilder sb = new StringBuilder(c.getName()).append(" (").append(c.getRole());
        if (c.getSecondaryOrder() != null) {
            sb.append(' ').append(c.getSecondaryOrder());
        }
        sb.append(')');
        if (c.getPhone() != null) {
            sb.append(", tel. ").append(c.getPhone());
        }
        if (c.getEmail() != null) {
            sb.append(", ").append(c.getEmail());
        }
        return sb.toString();
    }
}
