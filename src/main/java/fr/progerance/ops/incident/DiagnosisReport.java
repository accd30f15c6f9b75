package fr.progerance.ops.incident;

import fr.progerance.ops.contract.ShopCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the automatic diagnosis found: uptime and load, file systems above the alert threshold,
 * failed services, and the shop's HTTP answer. {@link #text()} is what ops read in their forms.
 */
public record DiagnosisReport(boolean reachable, String unreachableReason, String uptime, String load,
        List<String> fullFileSystems, List<String> failedServices, String shopAnswer, boolean shopAnswers) {

    public DiagnosisReport {
        fullFileSystems = fullFileSystems == null ? List.of() : List.copyOf(fullFileSystems);
        failedServices = failedServices == null ? List.of() : List.copyOf(failedServices);
    }

    public static DiagnosisReport unreachable(String reason, ShopCheck.Answer shop) {
        return new DiagnosisReport(false, reason, null, null, List.of(), List.of(), shop.describe(), shop.answers());
    }

    /** A short multi-line text for the ops forms and the timeline. */
    public String text() {
        List<String> lines = new ArrayList<>();
        if (!reachable) {
            lines.add("SSH: server UNREACHABLE (" + unreachableReason + ")");
        } else {
            lines.add("Uptime: " + uptime + "; load: " + load);
            lines.add(fullFileSystems.isEmpty() ? "Disks: no file system above the alert threshold"
                    : "Disks nearly full: " + String.join(", ", fullFileSystems));
            lines.add(failedServices.isEmpty() ? "Failed services: none"
                    : "Failed services: " + String.join(", ", failedServices));
        }
        lines.add("Shop: " + shopAnswer);
        return String.join("\n", lines);
    }

    // ---- parsing of the command templates' output (plain, tested without a server) ----------------

    /** {@code /proc/uptime}: "350735.47 234388.90" → "4 d 1 h 25 min". */
    static String parseUptime(String procUptime) {
        try {
            long seconds = (long) Double.parseDouble(procUptime.trim().split("\\s+")[0]);
            long days = seconds / 86_400;
            long hours = seconds % 86_400 / 3_600;
            long minutes = seconds % 3_600 / 60;
            return (days > 0 ? days + " d " : "") + hours + " h " + minutes + " min";
        } catch (RuntimeException e) {
            return "unreadable";
        }
    }

    /** {@code /proc/loadavg}: "0.52 0.58 0.59 1/467 12345" → "0.52 0.58 0.59". */
    static String parseLoad(String procLoadavg) {
        String[] parts = procLoadavg.trim().split("\\s+");
        return parts.length >= 3 ? parts[0] + " " + parts[1] + " " + parts[2] : "unreadable";
    }

    /** {@code df -P -k}: the mount points whose use is at or above {@code alertPercent}, with their use. */
    static List<String> parseFullFileSystems(String dfOutput, int alertPercent) {
        List<String> full = new ArrayList<>();
        for (String line : dfOutput.split("\n")) {
            String[] cols = line.trim().split("\\s+");
            if (cols.length < 6 || !cols[4].endsWith("%")) {
                continue;
            }
            try {
                int used = Integer.parseInt(cols[4].substring(0, cols[4].length() - 1));
                if (used >= alertPercent) {
                    full.add(cols[5] + " " + used + "%");
                }
            } catch (NumberFormatException header) {
                // the "Capacity" header line
            }
        }
        return full;
    }

    /** {@code systemctl --failed --no-legend --plain}: the unit names. */
    static List<String> parseFailedServices(String output) {
        List<String> units = new ArrayList<>();
        for (String line : output.split("\n")) {
            String unit = line.trim().split("\\s+")[0];
            if (!unit.isEmpty() && unit.toLowerCase(Locale.ROOT).contains(".")) {
                units.add(unit);
            }
        }
        return units;
    }
}
