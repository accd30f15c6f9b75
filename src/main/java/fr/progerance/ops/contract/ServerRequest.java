package fr.progerance.ops.contract;

import fr.progerance.ops.calendar.Infrastructure;
import fr.progerance.ops.web.PlainText;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/servers} and {@code PUT /api/servers/{id}} (a PUT replaces every field;
 * the contract cannot change). The strict patterns keep shell-significant characters out of
 * everything that reaches SSH and remote command templates (DESIGN rule 8).
 *
 * @param sshPort    22 when omitted
 * @param hosterName R3.2: required for TIERCE, refused for PROGERANCE
 * @param shopExpectedStatus issue 6: the HTTP status the shop's URL must answer (after redirects),
 *                   e.g. 401 for a shop behind basic authentication; omitted: the setting
 *                   {@code ops.incident.shop-expected-status} (200) applies
 * @param shopKeyword issue 6: optional text the shop's page must contain (case-insensitive), e.g.
 *                   the shop's name; trimmed, one line, at most 200 characters
 * @param adminDirectory RD-ps: optional name of the shop's back-office directory under the install
 *                   path (e.g. {@code admin4f7k2q}), needed for updates (the update assistant's
 *                   argument); omitted, null or empty: not known
 */
public record ServerRequest(
        @NotNull @Positive Long contractId,
        @NotBlank @Pattern(regexp = FieldRules.SERVER_NAME,
                message = "must be 1 to 64 letters, digits, dots, hyphens or underscores, starting with a letter or digit")
        String name,
        @NotBlank @Size(max = 253) @PlainText String address,
        @Min(1) @Max(65535) Integer sshPort,
        @NotBlank @Pattern(regexp = FieldRules.SSH_USER,
                message = "must be a login name: lower-case letters, digits, '_' or '-', starting with a letter or '_', at most 32")
        String sshUser,
        @NotBlank @Pattern(regexp = FieldRules.HOST_KEY_FINGERPRINT,
                message = "must be 'SHA256:' followed by 43 base64 characters, as printed by ssh-keygen -lf")
        String hostKeyFingerprint,
        @NotNull Infrastructure infrastructure,
        @Size(max = 200) @PlainText String hosterName,
        @NotBlank @Size(max = 2048) @PlainText String prestashopUrl,
        @NotBlank @Size(max = 255) @Pattern(regexp = FieldRules.INSTALL_PATH,
                message = "must be an absolute path of letters, digits, '.', '_' or '-' (no segment starting with '.' or '-')")
        String installPath,
        @NotBlank @Pattern(regexp = FieldRules.DATABASE_NAME, message = "must be 1 to 64 letters, digits or underscores")
        String databaseName,
        @Min(value = FieldRules.SHOP_STATUS_MIN, message = "must be an HTTP status from 100 to 599")
        @Max(value = FieldRules.SHOP_STATUS_MAX, message = "must be an HTTP status from 100 to 599")
        Integer shopExpectedStatus,
        @Size(max = FieldRules.SHOP_KEYWORD_MAX_LENGTH) @PlainText String shopKeyword,
        @Pattern(regexp = "|" + FieldRules.ADMIN_DIRECTORY,
                message = "must be a directory name of 1 to 64 letters, digits, '_' or '-', not starting with '-'")
        String adminDirectory) {
}
