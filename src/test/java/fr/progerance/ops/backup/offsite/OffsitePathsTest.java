package fr.progerance.ops.backup.offsite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.progerance.ops.backup.offsite.OffsitePaths.RepoFile;
import org.junit.jupiter.api.Test;

/** R3.6-a: which names the off-site store copies and accepts. */
class OffsitePathsTest {

    private static final String HASH = "ab" + "0123456789abcdef".repeat(3) + "0123456789abcd";

    @Test
    void onlyResticRepositoryFilesAreCopiedLocksAndTemporaryFilesAreNot_R3_6_a() {
        assertThat(HASH).hasSize(64);
        assertThat(OffsitePaths.isRepoFile("config")).isTrue();
        assertThat(OffsitePaths.isRepoFile("keys/" + HASH)).isTrue();
        assertThat(OffsitePaths.isRepoFile("index/" + HASH)).isTrue();
        assertThat(OffsitePaths.isRepoFile("snapshots/" + HASH)).isTrue();
        assertThat(OffsitePaths.isRepoFile("data/ab/" + HASH)).isTrue();
        assertThat(OffsitePaths.isRepoFile("data/cd/" + HASH)).as("pack in the wrong subdirectory").isFalse();
        assertThat(OffsitePaths.isRepoFile("locks/" + HASH)).isFalse();
        assertThat(OffsitePaths.isRepoFile("index/" + HASH + "-tmp-123")).isFalse();
        assertThat(OffsitePaths.isRepoFile("index/" + HASH.toUpperCase())).isFalse();
        assertThat(OffsitePaths.isRepoFile("config.part")).isFalse();
    }

    @Test
    void remoteNamesAreRelativeSafeSegments_R3_6_a() {
        assertThat(OffsitePaths.checkRemoteName("client-12")).isEqualTo("client-12");
        assertThat(OffsitePaths.checkRemoteName("prod/client_12.db")).isEqualTo("prod/client_12.db");
        for (String bad : new String[] {"../x", "x/..", ".", "/x", "x/", "a//b", "a b", "a\nb", "é", ""}) {
            assertThatThrownBy(() -> OffsitePaths.checkRemoteName(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void subsetsOfACheckPartitionTheFiles_R3_6_a() {
        RepoFile pack = new RepoFile("data/ab/" + HASH, 10);
        int hits = 0;
        for (int n = 0; n < 7; n++) {
            hits += OffsitePaths.inSubset(pack, n, 7) ? 1 : 0;
        }
        assertThat(hits).isEqualTo(1);
        assertThat(OffsitePaths.inSubset(new RepoFile("config", 155), 0, 7)).isTrue();
        assertThat(OffsitePaths.inSubset(new RepoFile("config", 155), 1, 7)).isFalse();
    }
}
