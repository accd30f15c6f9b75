package fr.progerance.ops.backup.restic;

import java.util.Optional;

/**
 * Another restic process holds a lock that conflicts with this call (restic 0.14 has no exit code
 * for it: recognised by "repository is already locked"). Retryable: a live lock ends when its
 * process does; a stale one is removed by {@link ResticLocks}.
 */
public class ResticLockedException extends ResticException {

    private static final long serialVersionUID = 1L;

    private final Long holderPid;
    private final String holderHost;
    private final String lockId;

    public ResticLockedException(String message, Long holderPid, String holderHost, String lockId) {
        super(message);
        this.holderPid = holderPid;
        this.holderHost = holderHost;
        this.lockId = lockId;
    }

    /** The process id restic named as the holder, if its message could be read. */
    public Optional<Long> holderPid() {
        return Optional.ofNullable(holderPid);
    }

    /** The host restic named as the holder, if its message could be read. */
    public Optional<String> holderHost() {
        return Optional.ofNullable(holderHost);
    }

    /** The (short) storage id of the holding lock file, if its message could be read. */
    public Optional<String> lockId() {
        return Optional.ofNullable(lockId);
    }

    /** The same failure with more explanation appended (what the stale-lock rule decided). */
    public ResticLockedException withDetail(String detail) {
        return new ResticLockedException(getMessage() + "; " + detail, holderPid, holderHost, lockId);
    }
}
