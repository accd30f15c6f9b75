/**
 * PrestaShop updates (RD-ps, R4.0-b, R4.0-c, R4.3-p2): what version each shop runs
 * ({@code update.shop}), what releases exist and how far apart two versions are
 * ({@code update.version}), and the {@code MinorUpdate}, {@code MajorUpdate} and {@code ApplyUpdate}
 * processes. A major update runs only after the client approved a quote ({@code quote},
 * {@code QuoteApproval}); the pre-update backup and the rollback use the backup engine.
 */
package fr.progerance.ops.update;
