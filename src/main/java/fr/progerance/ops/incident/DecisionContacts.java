package fr.progerance.ops.incident;

import fr.progerance.ops.contract.Contact;
import fr.progerance.ops.contract.ContactRole;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Whom to ask, in order, for a decision (R4.3-t5 (1)): the primary contact, then the secondary
 * contacts by their order, then the 24/7 on-call contact (R4.3-t4). When the contract names
 * persons authorised to decide, only they are asked; otherwise the same roles are asked for an
 * explicit validation (R4.3-t4).
 */
public final class DecisionContacts {

    private DecisionContacts() {
    }

    public static List<Contact> inOrder(Collection<Contact> contacts) {
        List<Contact> candidates = contacts.stream().filter(DecisionContacts::decides).toList();
        boolean authorisedExist = candidates.stream().anyMatch(Contact::isMayAuthorise);
        return candidates.stream()
                .filter(c -> !authorisedExist || c.isMayAuthorise())
                .sorted(Comparator.comparingInt(DecisionContacts::rank)
                        .thenComparing(c -> c.getSecondaryOrder() == null ? 0 : c.getSecondaryOrder())
                        .thenComparing(Contact::getId, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
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
