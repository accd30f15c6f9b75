package fr.progerance.ops.update.shop;

import fr.progerance.ops.remote.CommandTemplate;
import fr.progerance.ops.remote.EmbeddedSshServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A PrestaShop shop on disk for the tests (RD-ps; the issue: "fixture installs with a stand-in for
 * the update assistant's console"), served by an {@link EmbeddedSshServer}: the version files of a
 * 1.6, 1.7, 8 or 9 layout (realistic copies under {@code src/test/resources/prestashop/<layout>}), a
 * back-office directory, and the module {@code autoupgrade} whose {@code bin/console} is a stand-in
 * (a shell script, {@code src/test/resources/prestashop/autoupgrade/bin/console}) that the engine
 * calls exactly as the real one: {@code env --chdir=<shop>/modules/autoupgrade php bin/console
 * <command> ... <admin-dir>}, {@code php} being a stand-in too ({@link #serveWith}).
 *
 * <p>The stand-in's {@code backup:create} keeps the version files aside and names its backup,
 * {@code update:start} writes the {@link #updateTo target} into the version files (none set: "no
 * update needed", exit 0, as the real one), {@code backup:restore} puts the files back; any of them
 * fails on demand ({@link #failNext}). {@link #calls()} tells what it received, from where.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final EmbeddedSshServer SSH = new EmbeddedSshServer();
 * @TempDir
 * static Path dir;
 *
 * @BeforeAll
 * static void php() {
 *     PrestaShopFixture.serveWith(SSH.start(), dir);          // once per server
 * }
 *
 * PrestaShopFixture shop = PrestaShopFixture.create(dir, PrestaShopFixture.Layout.PS_8, "8.1.6");
 * // register a server: address SSH.host(), sshPort SSH.port(), sshUser SSH.user(),
 * // hostKeyFingerprint SSH.hostKeyFingerprint(), installPath shop.installPath().toString(),
 * // adminDirectory shop.adminDirectory()
 * shop.updateTo("8.2.1");                                     // what update:start installs
 * shop.failNext(PrestaShopFixture.Command.UPDATE_START, "Download failed: checksum mismatch");
 * }</pre>
 */
public final class PrestaShopFixture {

    /** A PrestaShop layout: which version files exist (see {@link VersionFile}). */
    public enum Layout {
        /** {@code config/settings.inc.php} only. */
        PS_16("1.6", "1.6.1.24"),
        /** {@code app/AppKernel.php}, and the stale {@code config/settings.inc.php} of a shop upgraded from 1.6. */
        PS_17("1.7", "1.7.8.10"),
        /** {@code src/Core/Version.php} and {@code app/AppKernel.php}, both with the version. */
        PS_8("8", "8.1.6"),
        /** {@code src/Core/Version.php}; {@code app/AppKernel.php} refers to it. */
        PS_9("9", "9.0.0");

        private final String directory;
        private final String fixtureVersion;

        Layout(String directory, String fixtureVersion) {
            this.directory = directory;
            this.fixtureVersion = fixtureVersion;
        }

        /** The version the fixture's files hold as copied. */
        public String fixtureVersion() {
            return fixtureVersion;
        }
    }

    /** The stand-in's commands, as the real console names them. */
    public enum Command {
        BACKUP_CREATE("backup:create"), UPDATE_START("update:start"), BACKUP_RESTORE("backup:restore");

        private final String name;

        Command(String name) {
            this.name = name;
        }

        /** {@code backup:create}... */
        public String consoleName() {
            return name;
        }

        String controlSuffix() {
            return name.replace(':', '-');
        }
    }

    /**
     * One call the stand-in received.
     *
     * @param directory the directory it ran in
     * @param argv what php passed to the script: {@code bin/console}, then the arguments
     */
    public record Call(Path directory, List<String> argv) {

        /** The console command ({@code update:start}), or "" for none. */
        public String command() {
            return argv.size() > 1 ? argv.get(1) : "";
        }
    }

    private static final String RESOURCES = "prestashop/";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern LITERAL = Pattern.compile("(const VERSION = ')([^']*)(')|(define\\('_PS_VERSION_', ')([^']*)(')");

    private final Layout layout;
    private final Path installPath;
    private final String adminDirectory;

    private PrestaShopFixture(Layout layout, Path installPath, String adminDirectory) {
        this.layout = layout;
        this.installPath = installPath;
        this.adminDirectory = adminDirectory;
    }

    /**
     * Installs the {@code php} stand-in in {@code dir/bin} and puts it first on the {@code PATH} of
     * {@code ssh}'s commands (kept by {@link EmbeddedSshServer#reset()}). Once per server and test class.
     */
    public static Path serveWith(EmbeddedSshServer ssh, Path dir) {
        try {
            Path bin = Files.createDirectories(dir.resolve("bin"));
            Path php = bin.resolve("php");
            Files.copy(resource("php"), php, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(php, PosixFilePermissions.fromString("rwxr-xr-x"));
            ssh.prependPath(bin);
            return php;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new shop of {@code layout} at its fixture version, in a new directory under {@code dir}. */
    public static PrestaShopFixture create(Path dir, Layout layout) {
        return create(dir, layout, layout.fixtureVersion());
    }

    /** A new shop of {@code layout} whose version files hold {@code version}, in a new directory under {@code dir}. */
    public static PrestaShopFixture create(Path dir, Layout layout, String version) {
        Objects.requireNonNull(layout, "layout");
        try {
            Path install = Files.createDirectories(dir.resolve("www").resolve("shop-" + SEQUENCE.incrementAndGet())
                    .resolve("prestashop"));
            copyTree(resource(layout.directory), install);
            String admin = "admin" + randomSuffix();
            Files.createDirectories(install.resolve(admin));
            Files.writeString(install.resolve(admin).resolve("index.php"), "<?php\nif (!defined('_PS_ADMIN_DIR_')) {\n"
                    + "    define('_PS_ADMIN_DIR_', __DIR__);\n}\nrequire dirname(__FILE__) . '/../config/config.inc.php';\n");
            copyTree(resource("autoupgrade"), install.resolve("modules").resolve("autoupgrade"));
            PrestaShopFixture shop = new PrestaShopFixture(layout, install, admin);
            shop.writeVersion(version);
            return shop;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Layout layout() {
        return layout;
    }

    /** The shop's directory: the register's {@code installPath}. */
    public Path installPath() {
        return installPath;
    }

    /** The back-office directory's name: the register's {@code adminDirectory}. */
    public String adminDirectory() {
        return adminDirectory;
    }

    /** {@code <install>/modules/autoupgrade}, where the assistant's commands run. */
    public Path moduleDirectory() {
        return installPath.resolve("modules").resolve("autoupgrade");
    }

    /** The file that holds the version, as the engine reads it (the first of {@link VersionFile#ORDER} that exists). */
    public VersionFile versionFile() {
        return VersionFile.ORDER.stream().filter(f -> Files.exists(installPath.resolve(f.path()))).findFirst()
                .orElseThrow(() -> new IllegalStateException("no version file under " + installPath));
    }

    /** What the shop's version file says now, read on disk (not over SSH). */
    public String version() {
        Matcher m = LITERAL.matcher(read(versionFile().path()));
        if (!m.find()) {
            throw new IllegalStateException(versionFile().path() + " holds no version literal");
        }
        return m.group(2) != null ? m.group(2) : m.group(5);
    }

    /** What update:start installs from now on. */
    public PrestaShopFixture updateTo(String version) {
        return control(".standin-target", version);
    }

    /** update:start finds no newer version (prints so and exits 0, as the real assistant). */
    public PrestaShopFixture noUpdateAvailable() {
        return deleteControl(".standin-target");
    }

    /** The next command of the stand-in, whatever it is, fails with exit status 1 and this message. */
    public PrestaShopFixture failNext(String message) {
        return control(".standin-fail", message);
    }

    /** The next {@code command} fails with exit status 1 and this message. */
    public PrestaShopFixture failNext(Command command, String message) {
        return control(".standin-fail-" + command.controlSuffix(), message);
    }

    /** backup:create prints this many progress lines before naming its backup (0: none). */
    public PrestaShopFixture backupProgressLines(int lines) {
        return control(".standin-noise", Integer.toString(lines));
    }

    /** The calls the stand-in received, oldest first. */
    public List<Call> calls() {
        Path log = moduleDirectory().resolve(".standin-calls");
        if (!Files.exists(log)) {
            return List.of();
        }
        List<Call> calls = new ArrayList<>();
        for (String line : read(log).split("\n")) {
            if (!line.isEmpty()) {
                String[] fields = line.split("\t", -1);
                calls.add(new Call(Path.of(fields[0]), List.of(Arrays.copyOfRange(fields, 1, fields.length))));
            }
        }
        return calls;
    }

    /** The backups in the assistant's backup directory ({@code <admin>/autoupgrade/backup}), by name. */
    public List<String> backups() {
        Path backups = installPath.resolve(adminDirectory).resolve("autoupgrade").resolve("backup");
        if (!Files.isDirectory(backups)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(backups)) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(CommandTemplate.Parameter.ASSISTANT_BACKUP_NAME::accepts).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces a file of the shop (relative to the install path), e.g. a version file with garbage. */
    public PrestaShopFixture write(String relativePath, byte[] content) {
        try {
            Path file = installPath.resolve(relativePath);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #write(String, byte[])} with UTF-8 text. */
    public PrestaShopFixture write(String relativePath, String content) {
        return write(relativePath, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a file of the shop, relative to the install path. */
    public String read(String relativePath) {
        return read(installPath.resolve(relativePath));
    }

    /** Writes {@code version} into the files of the layout that hold it (not the stale 1.6 file of a 1.7 shop). */
    private void writeVersion(String version) throws IOException {
        List<String> files = switch (layout) {
            case PS_16 -> List.of(VersionFile.SETTINGS_INC.path());
            case PS_17 -> List.of(VersionFile.APP_KERNEL.path());
            case PS_8 -> List.of(VersionFile.CORE_VERSION.path(), VersionFile.APP_KERNEL.path());
            case PS_9 -> List.of(VersionFile.CORE_VERSION.path());
        };
        for (String file : files) {
            Path path = installPath.resolve(file);
            Matcher m = LITERAL.matcher(Files.readString(path));
            StringBuilder out = new StringBuilder();
            if (!m.find()) {
                throw new IllegalStateException(file + " of the " + layout + " fixture holds no version literal");
            }
            m.appendReplacement(out, Matcher.quoteReplacement((m.group(1) != null ? m.group(1) : m.group(4)) + version
                    + "'"));
            m.appendTail(out);
            Files.writeString(path, out.toString());
        }
    }

    private PrestaShopFixture control(String name, String content) {
        try {
            Files.writeString(moduleDirectory().resolve(name), content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PrestaShopFixture deleteControl(String name) {
        try {
            Files.deleteIfExists(moduleDirectory().resolve(name));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String randomSuffix() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            s.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    private static Path resource(String name) {
        URL url = PrestaShopFixture.class.getClassLoader().getResource(RESOURCES + name);
        if (url == null) {
            throw new IllegalStateException("test resource " + RESOURCES + name + " is missing");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
