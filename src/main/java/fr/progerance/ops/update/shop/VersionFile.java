package fr.progerance.ops.update.shop;

import java.util.List;

/**
 * RD-ps: where a PrestaShop shop keeps its version, relative to its install path, in the order they
 * are read: the first of them that exists is the version file of the shop's layout.
 */
public enum VersionFile {

    /** 8 and 9: {@code final class Version { public const VERSION = '9.0.0'; ... }}. */
    CORE_VERSION("src/Core/Version.php"),

    /**
     * 1.7 (and 8, which has both): {@code class AppKernel extends Kernel { const VERSION = '1.7.8.11'; ... }}.
     * In 9 its constant refers to {@code Version::VERSION}; 9 is read from {@link #CORE_VERSION} first.
     */
    APP_KERNEL("app/AppKernel.php"),

    /**
     * 1.6: {@code define('_PS_VERSION_', '1.6.1.24');}. A 1.7 shop upgraded from 1.6 may keep this file
     * with its old version: it is read only when the files above do not exist.
     */
    SETTINGS_INC("config/settings.inc.php");

    /** The reading order. */
    public static final List<VersionFile> ORDER = List.of(values());

    private final String path;

    VersionFile(String path) {
        this.path = path;
    }

    /** The path relative to the install path, as stored with a reading. */
    public String path() {
        return path;
    }

    /** The file's absolute path under {@code installPath} (the register's clean absolute path). */
    public String under(String installPath) {
        return installPath + "/" + path;
    }
}
