package fr.progerance.ops.update.process;

import fr.progerance.ops.update.version.PrestaShopVersion;
import fr.progerance.ops.update.version.Release;
import fr.progerance.ops.update.version.ReleaseCatalogue;
import fr.progerance.ops.update.version.UpdateClassifier;
import fr.progerance.ops.update.version.UpdateKind;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A release catalogue the test writes (the bundled one holds real releases whose dates do not suit
 * every scenario): the documented answers of {@link ReleaseCatalogue} over the given rows.
 */
final class FakeCatalogue implements ReleaseCatalogue {

    private final List<Release> releases = new ArrayList<>();

    FakeCatalogue release(String version, LocalDate publishedOn, boolean security) {
        releases.add(new Release(PrestaShopVersion.parse(version), publishedOn, security, "test"));
        releases.sort(Comparator.comparing(Release::version));
        return this;
    }

    @Override
    public List<Release> releases() {
        return List.copyOf(releases);
    }

    @Override
    public Optional<Release> release(PrestaShopVersion version) {
        return releases.stream().filter(r -> r.version().compareTo(version) == 0).findFirst();
    }

    @Override
    public Optional<Release> minorUpdateFor(PrestaShopVersion current) {
        List<Release> newer = releases.stream()
                .filter(r -> UpdateClassifier.classify(current, r.version()).includedInContract()).toList();
        if (newer.isEmpty()) {
            return Optional.empty();
        }
        Release newest = newer.get(newer.size() - 1);
        boolean security = newer.stream().anyMatch(Release::security);
        return Optional.of(new Release(newest.version(), newest.publishedOn(), security, newest.source()));
    }

    @Override
    public Optional<Release> majorUpdateFor(PrestaShopVersion current) {
        return releases.stream().filter(r -> UpdateClassifier.classify(current, r.version()) == UpdateKind.MAJOR)
                .reduce((a, b) -> b);
    }
}
