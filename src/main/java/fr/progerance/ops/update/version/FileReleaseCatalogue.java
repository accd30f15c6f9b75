package fr.progerance.ops.update.version;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Service;

/**
 * The release catalogue read once at start-up from {@code ops.update.catalogue.location}
 * ({@link ReleaseCatalogueFile}): a missing file or a bad row stops the start, naming the file and
 * the line. The answers follow the contract: RD-ps includes minor and patch updates, R4.0-c quotes
 * majors first, R4.0-b gives security releases a shorter delay (the {@link Release#security()} flag).
 */
@Service
public class FileReleaseCatalogue implements ReleaseCatalogue {

    private static final Logger LOG = LoggerFactory.getLogger(FileReleaseCatalogue.class);

    private final List<Release> releases;

    @Autowired
    public FileReleaseCatalogue(ReleaseCatalogueSettings settings, ResourceLoader resources) {
        this(read(settings.location(), resources));
    }

    /** A catalogue of these releases (tests, other sources). */
    public FileReleaseCatalogue(List<Release> releases) {
        this.releases = releases.stream().sorted(Comparator.comparing(Release::version)).toList();
    }

    private static List<Release> read(String location, ResourceLoader resources) {
        Resource file = resources.getResource(location);
        if (!file.exists()) {
            throw new IllegalStateException("Release catalogue " + location
                    + " does not exist (setting ops.update.catalogue.location)");
        }
        try (InputStreamReader reader = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
            List<Release> releases = ReleaseCatalogueFile.parse(location, reader);
            LOG.info("Release catalogue {}: {} releases, {} to {}", location, releases.size(),
                    releases.get(0).version(), releases.get(releases.size() - 1).version());
            return releases;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the release catalogue " + location, e);
        }
    }

    /** Every release, in version order (lowest first). */
    @Override
    public List<Release> releases() {
        return releases;
    }

    @Override
    public Optional<Release> release(PrestaShopVersion version) {
        return releases.stream().filter(r -> r.version().sameRelease(version)).findFirst();
    }

    @Override
    public Optional<Release> minorUpdateFor(PrestaShopVersion current) {
        List<Release> included = releases.stream()
                .filter(r -> UpdateClassifier.classify(current, r.version()).includedInContract())
                .toList();
        if (included.isEmpty()) {
            return Optional.empty();
        }
        Release newest = included.get(included.size() - 1);
        boolean security = included.stream().anyMatch(Release::security);
        return Optional.of(new Release(newest.version(), newest.publishedOn(), security, newest.source()));
    }

    @Override
    public Optional<Release> majorUpdateFor(PrestaShopVersion current) {
        return releases.stream()
                .filter(r -> UpdateClassifier.classify(current, r.version()) == UpdateKind.MAJOR)
                .reduce((older, newer) -> newer);
    }
}
