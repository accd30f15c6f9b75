package fr.progerance.ops.backup;

import org.springframework.data.jpa.repository.JpaRepository;

/** The off-site mirror records, one per client repository. */
public interface OffsiteMirrorRepository extends JpaRepository<OffsiteMirror, Long> {
}
