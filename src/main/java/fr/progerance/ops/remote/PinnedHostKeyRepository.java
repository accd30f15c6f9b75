package fr.progerance.ops.remote;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.UserInfo;

/**
 * A host key repository for one connection that knows exactly one thing: the pinned SHA-256
 * fingerprint of the target's key. It accepts the presented key only if its fingerprint is the
 * pinned one, remembers what was presented (for the mismatch report) and never stores anything:
 * no {@code known_hosts} file is read or written. Used with {@code StrictHostKeyChecking=yes}, so
 * JSch aborts the handshake on anything but {@link #OK}.
 */
final class PinnedHostKeyRepository implements HostKeyRepository {

    private static final HostKey[] NONE = new HostKey[0];

    private final String pinnedFingerprint;
    private volatile String presentedFingerprint;
    private volatile String presentedKeyType;

    PinnedHostKeyRepository(String pinnedFingerprint) {
        this.pinnedFingerprint = HostKeys.requireValidFingerprint(pinnedFingerprint, "pinned host key fingerprint");
    }

    @Override
    public int check(String host, byte[] key) {
        if (key == null || key.length == 0) {
            return NOT_INCLUDED;
        }
        String fingerprint = HostKeys.sha256Fingerprint(key);
        presentedFingerprint = fingerprint;
        presentedKeyType = HostKeys.keyType(key);
        return pinnedFingerprint.equals(fingerprint) ? OK : CHANGED;
    }

    /** Whether the server presented a key and it was not the pinned one. */
    boolean mismatched() {
        String presented = presentedFingerprint;
        return presented != null && !pinnedFingerprint.equals(presented);
    }

    String pinnedFingerprint() {
        return pinnedFingerprint;
    }

    String presentedFingerprint() {
        return presentedFingerprint;
    }

    String presentedKeyType() {
        return presentedKeyType;
    }

    @Override
    public void add(HostKey hostkey, UserInfo ui) {
        // Never learn a key: the pin comes from the register only.
    }

    @Override
    public void remove(String host, String type) {
        // Nothing stored, nothing to remove.
    }

    @Override
    public void remove(String host, String type, byte[] key) {
        // Nothing stored, nothing to remove.
    }

    @Override
    public String getKnownHostsRepositoryID() {
        return "pinned SHA-256 host key fingerprint";
    }

    @Override
    public HostKey[] getHostKey() {
        return NONE;
    }

    @Override
    public HostKey[] getHostKey(String host, String type) {
        return NONE;
    }
}
