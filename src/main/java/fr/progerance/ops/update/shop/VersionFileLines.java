package fr.progerance.ops.update.shop;

import fr.progerance.ops.remote.CommandResult;
import fr.progerance.ops.remote.CommandTemplate;
import fr.progerance.ops.remote.RemoteException;
import fr.progerance.ops.update.version.InvalidVersionException;
import fr.progerance.ops.update.version.PrestaShopVersion;
import fr.progerance.ops.web.Excerpt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RD-ps: what the output of {@link CommandTemplate#SHOP_VERSION_LINES} says about a shop's version.
 * No engine, no SSH: plain rules, tested on their own.
 *
 * <p>The first {@link VersionFile} that exists decides, in {@link VersionFile#ORDER}: its first line
 * {@code const VERSION = '...'} or {@code define('_PS_VERSION_', '...')} gives the version (the same
 * patterns as the update assistant's own {@code PrestashopConfiguration}). Then:
 * <ul>
 *   <li>none of the files exists: {@link ShopVersionNotFoundException} (is the install path right?);</li>
 *   <li>the deciding file holds no such line, or a value that is no version (garbage, a binary file,
 *       a file cut short by a failed update): {@link ShopVersionNotFoundException} naming the file and
 *       quoting what it holds, never a fall back to an older file (a stale {@code settings.inc.php}
 *       would report a version the shop no longer runs);</li>
 *   <li>a file that exists cannot be read (permissions, a directory in its place), or grep itself
 *       fails: {@link RemoteException}, retryable (DESIGN rule 13).</li>
 * </ul>
 */
final class VersionFileLines {

    /** {@code const VERSION = '8.1.7';}, with or without a visibility, single or double quotes. */
    static final Pattern CONST_VERSION = Pattern.compile("\\bconst\\s+VERSION\\s*=\\s*(['\"])([^'\"\\r\\n]{0,80})\\1");

    /** {@code define('_PS_VERSION_', '1.6.1.24');}. */
    static final Pattern DEFINE_VERSION = Pattern.compile(
            "\\bdefine\\s*\\(\\s*(['\"])_PS_VERSION_\\1\\s*,\\s*(['\"])([^'\"\\r\\n]{0,80})\\2\\s*\\)");

    /** What grep says of a file that does not exist, in the C locale the template asks for. */
    static final String MISSING = "No such file or directory";

    private static final int GREP_NO_LINE = 1;
    private static final int GREP_TROUBLE = 2;

    /** The version and the file it was read from. */
    record Found(VersionFile file, PrestaShopVersion version) {
    }

    private VersionFileLines() {
    }

    /** The files to read, as the template's arguments. */
    static String[] arguments(String installPath) {
        return VersionFile.ORDER.stream().map(f -> f.under(installPath)).toArray(String[]::new);
    }

    /**
     * @param installPath the shop's install path, as the files were given to grep
     * @param where the server, for messages ({@code server shop1 (id 4, ops@host:22)})
     */
    static Found interpret(String installPath, String where, CommandResult result) {
        if (!result.hasExitStatus() || result.exitStatus() > GREP_TROUBLE || result.exitStatus() < 0) {
            throw new RemoteException("Reading the PrestaShop version files on " + where + " failed with exit status "
                    + result.exitStatus() + firstLine(result.stderr()));
        }
        Map<VersionFile, List<String>> lines = new LinkedHashMap<>();
        Map<VersionFile, String> errors = new LinkedHashMap<>();
        for (VersionFile file : VersionFile.ORDER) {
            lines.put(file, new ArrayList<>());
        }
        for (String line : result.stdout().split("\n")) {
            fileOf(installPath, line, ":").ifPresent(file -> lines.get(file)
                    .add(line.substring(file.under(installPath).length() + 1)));
        }
        List<String> otherErrors = new ArrayList<>();
        for (String line : result.stderr().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String text = line.startsWith("grep: ") ? line.substring("grep: ".length()) : line;
            Optional<VersionFile> file = fileOf(installPath, text, ": ");
            if (file.isPresent()) {
                errors.putIfAbsent(file.get(), text.substring(file.get().under(installPath).length() + 2).strip());
            } else {
                otherErrors.add(line.strip());
            }
        }
        if (result.exitStatus() == GREP_TROUBLE && errors.isEmpty()) {
            throw new RemoteException("Reading the PrestaShop version files on " + where + " failed with exit status 2"
                    + (otherErrors.isEmpty() ? "" : ": " + Excerpt.message(otherErrors.get(0))));
        }
        for (VersionFile file : VersionFile.ORDER) {
            String error = errors.get(file);
            if (error != null && error.equals(MISSING)) {
                continue;
            }
            if (error != null) {
                throw new RemoteException("Cannot read " + file.under(installPath) + " on " + where + ": "
                        + Excerpt.message(error));
            }
            return new Found(file, version(file, lines.get(file), installPath, where));
        }
        throw new ShopVersionNotFoundException("RD-ps: none of " + String.join(", ",
                VersionFile.ORDER.stream().map(VersionFile::path).toList()) + " exists under " + installPath + " on "
                + where + ": is the register's install path the shop's directory?");
    }

    private static PrestaShopVersion version(VersionFile file, List<String> lines, String installPath, String where) {
        for (String line : lines) {
            String value = value(line);
            if (value == null) {
                continue;
            }
            if (value.isBlank()) {
                throw new ShopVersionNotFoundException("RD-ps: " + file.under(installPath) + " on " + where
                        + " holds no PrestaShop version: its version line is empty (" + Excerpt.quoted(line.strip()) + ")");
            }
            try {
                return PrestaShopVersion.parse(value);
            } catch (InvalidVersionException e) {
                throw new ShopVersionNotFoundException("RD-ps: " + file.under(installPath) + " on " + where
                        + " holds no PrestaShop version: " + e.getMessage());
            }
        }
        throw new ShopVersionNotFoundException("RD-ps: " + file.under(installPath) + " on " + where
                + " holds no PrestaShop version (no const VERSION = '...' or define('_PS_VERSION_', '...') line"
                + (lines.isEmpty() ? ", no line naming VERSION at all, or a binary file"
                        : "; its first line naming VERSION is " + Excerpt.quoted(lines.get(0).strip()))
                + "): not the " + file.path() + " of a PrestaShop release");
    }

    /** The quoted value of a version line, or null when the line is none. */
    static String value(String line) {
        Matcher constant = CONST_VERSION.matcher(line);
        if (constant.find()) {
            return constant.group(2);
        }
        Matcher define = DEFINE_VERSION.matcher(line);
        return define.find() ? define.group(3) : null;
    }

    private static Optional<VersionFile> fileOf(String installPath, String text, String separator) {
        return VersionFile.ORDER.stream().filter(f -> text.startsWith(f.under(installPath) + separator)).findFirst();
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.isEmpty() ? "" : ": " + Excerpt.message(line);
    }
}
