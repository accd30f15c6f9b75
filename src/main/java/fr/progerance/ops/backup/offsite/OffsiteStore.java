package fr.progerance.ops.backup.offsite;

import java.nio.file.Path;

/**
 * R3.6-a: the off-site copy of the backup repositories, on an FTP/FTPS server of another site
 * (Apache Commons Net). A repository is mirrored file by file: restic's files never change once
 * written (packs, indexes and snapshots are named by the SHA-256 of their content), so a mirror
 * uploads what is new, deletes what prune removed and verifies sizes; an interrupted mirror
 * resumes where it stopped.
 */
public interface OffsiteStore {

    /**
     * Makes the remote directory {@code remoteName} equal to the local repository {@code local}:
     * uploads missing or incomplete files (verified by size after upload), then deletes remote
     * files the local side no longer has.
     *
     * @param remoteName a relative directory name under the store's base, e.g. {@code client-12}
     */
    MirrorReport mirror(Path local, String remoteName);

    /** Downloads the remote copy into the empty or absent directory {@code target} (restore from off-site). */
    MirrorReport fetch(String remoteName, Path target);

    /**
     * Integrity of the off-site copy: downloads the files of subset {@code n} of {@code m} (by
     * file name), checks that each file's SHA-256 equals its name (restic names files by content)
     * and that every remote size matches the local one.
     */
    OffsiteCheckReport check(Path local, String remoteName, int n, int m);

    /** Deletes the whole remote copy (R8.2 deletion after an unpaid suspension). */
    void delete(String remoteName);

    /**
     * What a mirror or fetch did.
     *
     * @param filesTransferred files uploaded (or downloaded)
     * @param bytesTransferred their bytes
     * @param filesDeleted remote files deleted because the local side no longer has them
     * @param filesInPlace files that were already complete
     */
    record MirrorReport(int filesTransferred, long bytesTransferred, int filesDeleted, int filesInPlace) {
    }

    /**
     * What an off-site check found.
     *
     * @param filesChecked files downloaded and hashed
     * @param problems readable descriptions of missing, wrong-size or corrupt files; empty when sound
     */
    record OffsiteCheckReport(int filesChecked, java.util.List<String> problems) {

        public OffsiteCheckReport {
            problems = java.util.List.copyOf(problems);
        }

        public boolean sound() {
            return problems.isEmpty();
        }
    }
}
