package fr.progerance.ops.incident.forms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.progerance.ops.calendar.DateTimeParameters;
import fr.progerance.ops.calendar.IncidentCategory;
import fr.progerance.ops.contract.EmergencyAction;
import fr.progerance.ops.incident.CauseCategory;
import fr.progerance.ops.incident.IncidentHandlingProcess;
import fr.progerance.ops.incident.IncidentHandlingProcess.Elements;
import fr.progerance.ops.incident.IncidentHandlingProcess.RemediationAction;
import fr.progerance.ops.incident.IncidentHandlingProcess.Vars;
import fr.progerance.ops.incident.IncidentSettings;
import fr.progerance.ops.notify.Answer;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Camunda Forms of {@code IncidentHandling} ({@code processes/incident/*.form}) against the BPMN
 * that references them and the Java side that reads what they submit. Plain JUnit: no engine, no
 * Spring.
 *
 * <p>Facts about the Tasklist of Camunda 7.24 these tests rely on (read from
 * {@code camunda-webapp-webjar-7.24.0.jar}): it bundles form-js 1.8/1.9 (schemaVersion 16, feelin
 * 3.1); it loads every process variable into the form (dates as local-time text) and on completion
 * submits every rendered field that is not {@code disabled}, untyped, so the REST API infers the type
 * from the JSON value. A {@code readonly} field alone would therefore be written back: a Date
 * variable would come back as a String and an automatic diagnosis written meanwhile would be
 * overwritten. Context fields are {@code disabled} for that reason.
 */
class IncidentFormsTest {

    private static final Path FORMS = Path.of("processes/incident");
    private static final Path BPMN = Path.of(IncidentHandlingProcess.RESOURCE);

    /** schemaVersion of the form-js viewer that Camunda 7.24's Tasklist bundles. */
    private static final int SCHEMA_VERSION = 16;

    /** Component types of form-js 1.8/1.9 (Tasklist 7.24); later ones (filepicker, documentPreview) are not there. */
    private static final Set<String> KNOWN_TYPES = Set.of("textfield", "textarea", "number", "datetime", "select",
            "radio", "checkbox", "checklist", "taglist", "text", "html", "expression", "spacer", "separator",
            "group", "dynamiclist", "iframe", "table", "image", "button");

    /** Keys that a form writes although they are not in {@link Vars}, each with its reason. */
    private static final Map<String, String> FORM_ONLY_INPUT_KEYS = Map.of();

    /** Keys shown read-only that are engine variables outside {@link Vars}, each with its reason. */
    private static final Map<String, String> DISPLAY_ONLY_KEYS = Map.of();

    /** Which form each element shows in Tasklist (formRef, binding latest). */
    private static final Map<String, String> FORM_OF_ELEMENT = new TreeMap<>(Map.ofEntries(
            Map.entry(Elements.LIFT_FORCE_MAJEURE, "incident-lift-force-majeure"),
            Map.entry(Elements.START, "incident-report"),
            Map.entry(Elements.RECORD_AGREEMENT, "incident-client-agreement"),
            Map.entry(Elements.TAKE_CHARGE, "incident-take-charge"),
            Map.entry(Elements.COORDINATE_HOSTER, "incident-coordinate-hoster"),
            Map.entry(Elements.CHOOSE_REMEDIATION, "incident-choose-remediation"),
            Map.entry(Elements.CALL_CONTACT, "incident-call-contact"),
            Map.entry(Elements.CARRY_OUT_ACTION, "incident-carry-out-action"),
            Map.entry(Elements.CONFIRM_RESTORATION, "incident-confirm-restoration")));

    /** What ops must fill before completing (fields hidden by a condition are required only when shown). */
    private static final Map<String, Set<String>> REQUIRED = Map.ofEntries(
            Map.entry("incident-report", Set.of(Vars.SERVER_ID, Vars.CATEGORY, Vars.LEVEL, Vars.SUMMARY)),
            Map.entry("incident-client-agreement", Set.of()),
            Map.entry("incident-take-charge", Set.of(Vars.CAUSE_CATEGORY)),
            Map.entry("incident-coordinate-hoster", Set.of()),
            Map.entry("incident-choose-remediation", Set.of(Vars.REMEDIATION_ACTION, Vars.SERVICE_NAME, Vars.DECISION_ACTION,
                    Vars.DECISION_DESCRIPTION, Vars.ESTIMATED_COST)),
            Map.entry("incident-call-contact", Set.of(Vars.PHONE_OUTCOME)),
            Map.entry("incident-carry-out-action", Set.of()),
            Map.entry("incident-confirm-restoration", Set.of()),
            Map.entry("incident-lift-force-majeure", Set.of()));

    private static final Pattern RULE_ID = Pattern.compile("\\b(R\\d+(\\.\\d+)*(-[a-z0-9]+)?|RD-[a-z]+|RC-[a-z0-9]+)");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, JsonNode> formsById = new TreeMap<>();
    private static final Map<String, Path> fileById = new TreeMap<>();
    private static BpmnModelInstance model;
    private static Set<String> vars;

    @BeforeAll
    static void load() throws IOException {
        try (Stream<Path> files = Files.list(FORMS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".form")).sorted().toList()) {
                JsonNode form = JSON.readTree(file.toFile());
                String id = form.path("id").asText();
                assertThat(fileById.put(id, file)).as("form id '%s' is unique", id).isNull();
                formsById.put(id, form);
            }
        }
        model = Bpmn.readModelFromFile(BPMN.toFile());
        vars = constants(Vars.class);
    }

    @Test
    @DisplayName("Every form is a Camunda Form for the Tasklist of Camunda 7.24 (form-js schemaVersion 16)")
    void everyFormTargetsCamunda724() {
        assertThat(formsById).isNotEmpty();
        formsById.forEach((id, form) -> {
            assertThat(fileById.get(id).getFileName().toString()).as("file of %s", id).isEqualTo(id + ".form");
            assertThat(form.path("type").asText()).as("type of %s", id).isEqualTo("default");
            assertThat(form.path("schemaVersion").asInt()).as("schemaVersion of %s", id).isEqualTo(SCHEMA_VERSION);
            assertThat(form.path("executionPlatform").asText()).as(id).isEqualTo("Camunda Platform");
            assertThat(form.path("executionPlatformVersion").asText()).as(id).isEqualTo("7.24.0");
            assertThat(form.path("components").isArray() && !form.path("components").isEmpty()).as(id).isTrue();
            components(form).forEach(c -> assertThat(KNOWN_TYPES).as("type of %s in %s", c.path("id"), id)
                    .contains(c.path("type").asText()));
        });
    }

    @Test
    @DisplayName("The start event and every user task reference an existing form by formRef, binding latest")
    void everyFormRefHasItsForm() {
        Map<String, String> actual = new TreeMap<>();
        for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
            if (start.getParentElement() instanceof Process) {
                actual.put(start.getId(), start.getCamundaFormRef());
                assertThat(start.getCamundaFormRefBinding()).as(start.getId()).isEqualTo("latest");
                assertThat(start.getCamundaFormKey()).as(start.getId()).isNull();
            }
        }
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            actual.put(task.getId(), task.getCamundaFormRef());
            assertThat(task.getCamundaFormRefBinding()).as(task.getId()).isEqualTo("latest");
            assertThat(task.getCamundaFormKey()).as(task.getId()).isNull();
        }
        assertThat(actual).isEqualTo(FORM_OF_ELEMENT);
        assertThat(formsById.keySet()).as("one form per element, no orphan form")
                .containsExactlyInAnyOrderElementsOf(new LinkedHashSet<>(FORM_OF_ELEMENT.values()));
    }

    @Test
    @DisplayName("Component ids and keys are unique within each form")
    void idsAndKeysAreUnique() {
        formsById.forEach((id, form) -> {
            List<String> ids = components(form).stream().map(c -> c.path("id").asText()).toList();
            List<String> keys = components(form).stream().filter(c -> c.hasNonNull("key"))
                    .map(c -> c.path("key").asText()).toList();
            assertThat(ids).as("ids of %s", id).doesNotContain("").doesNotHaveDuplicates();
            assertThat(keys).as("keys of %s", id).doesNotHaveDuplicates();
        });
    }

    @Test
    @DisplayName("Every field ops fill writes a variable of IncidentHandlingProcess.Vars (or a listed exception)")
    void inputKeysAreProcessVariables() {
        Set<String> used = new LinkedHashSet<>();
        formsById.forEach((id, form) -> inputs(form).forEach(c -> {
            String key = c.path("key").asText();
            used.add(key);
            assertThat(vars.contains(key) || FORM_ONLY_INPUT_KEYS.containsKey(key))
                    .as("%s writes '%s', which is neither in Vars nor a listed exception", id, key).isTrue();
        }));
        assertThat(used).as("every listed exception is still used").containsAll(FORM_ONLY_INPUT_KEYS.keySet());
    }

    @Test
    @DisplayName("Context fields are disabled (Tasklist 7.24 writes back every non-disabled field) and show known variables")
    void contextFieldsAreNeverSubmittedBack() {
        Set<String> shown = new LinkedHashSet<>();
        formsById.forEach((id, form) -> components(form).stream().filter(IncidentFormsTest::keyed).forEach(c -> {
            String key = c.path("key").asText();
            if (c.path("readonly").asBoolean(false) || c.path("disabled").asBoolean(false)) {
                shown.add(key);
                assertThat(c.path("disabled").asBoolean(false)).as("%s: context field '%s' is disabled", id, key)
                        .isTrue();
                assertThat(c.path("readonly").asBoolean(false)).as("%s: context field '%s' is read-only", id, key)
                        .isTrue();
                assertThat(c.has("validate")).as("%s: context field '%s' has no validation", id, key).isFalse();
                assertThat(vars.contains(key) || DISPLAY_ONLY_KEYS.containsKey(key))
                        .as("%s shows '%s', which is neither in Vars nor a listed engine variable", id, key).isTrue();
            }
        }));
        assertThat(shown).containsAll(DISPLAY_ONLY_KEYS.keySet());
    }

    @Test
    @DisplayName("Required fields are marked required, and only they; no checkbox is required (it would mean 'must be checked')")
    void requiredFields() {
        formsById.forEach((id, form) -> {
            Set<String> required = inputs(form).stream().filter(c -> c.path("validate").path("required").asBoolean())
                    .map(c -> c.path("key").asText()).collect(Collectors.toSet());
            assertThat(required).as("required fields of %s", id).isEqualTo(REQUIRED.get(id));
            inputs(form).stream().filter(c -> "checkbox".equals(c.path("type").asText())).forEach(c ->
                    assertThat(c.path("validate").path("required").asBoolean()).as("%s: %s", id, c.path("key"))
                            .isFalse());
        });
    }

    @Test
    @DisplayName("DESIGN rule 11: no gateway reads a decision a form writes; the client's answers, the agreement and the restoration come from records")
    void gatewaysReadRecordsNotFormInputs() {
        Set<String> inputs = new LinkedHashSet<>();
        formsById.values().forEach(form -> inputs(form).forEach(c -> inputs.add(c.path("key").asText())));
        Set<String> read = gatewayFlags();
        assertThat(read).contains(Vars.ACT_NOW_AGREED, Vars.RESTORATION_CONFIRMED, Vars.QUOTE_APPROVED,
                Vars.CLIENT_ANSWERED, Vars.CLOCKS_HELD);
        Set<String> fromForms = new LinkedHashSet<>(read);
        fromForms.retainAll(inputs);
        assertThat(fromForms).as("the only gateway flag a form writes is ops' own judgement, not a client's answer")
                .containsExactly(Vars.COMPLEMENTARY_WORK_REQUESTED);
    }

    @Test
    @DisplayName("DESIGN rule 11: what ops may set on each task is exactly its form's inputs (OwnedVariablesGuard refuses the rest); README lists them")
    void whatOpsMaySetOnEachTask() throws IOException {
        Map<String, Set<String>> owned = new TreeMap<>();
        FORM_OF_ELEMENT.forEach((element, formId) -> {
            try (var in = Files.newInputStream(fileById.get(formId))) {
                owned.put(element, fr.progerance.ops.engine.FormInputs.of(in));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(owned).isEqualTo(new TreeMap<>(Map.ofEntries(
                Map.entry(Elements.START, Set.of(Vars.SERVER_ID, Vars.CATEGORY, Vars.LEVEL, Vars.SUMMARY, Vars.SOURCE,
                        Vars.DETECTED_AT)),
                Map.entry(Elements.RECORD_AGREEMENT, Set.of(Vars.CLIENT_AGREES_NOW)),
                Map.entry(Elements.TAKE_CHARGE, Set.of(Vars.CAUSE_CATEGORY, Vars.TAKE_CHARGE_NOTES)),
                Map.entry(Elements.COORDINATE_HOSTER, Set.of(Vars.COMPLEMENTARY_WORK_REQUESTED, Vars.HOSTER_NOTES)),
                Map.entry(Elements.CHOOSE_REMEDIATION, Set.of(Vars.REMEDIATION_ACTION, Vars.SERVICE_NAME,
                        Vars.DECISION_ACTION, Vars.ESTIMATED_COST, Vars.DECISION_DESCRIPTION)),
                Map.entry(Elements.CALL_CONTACT, Set.of(Vars.PHONE_OUTCOME)),
                Map.entry(Elements.CARRY_OUT_ACTION, Set.of(Vars.ACTION_NOTES)),
                Map.entry(Elements.CONFIRM_RESTORATION, Set.of(Vars.RESTORED, Vars.RESTORATION_NOTES)),
                Map.entry(Elements.LIFT_FORCE_MAJEURE, Set.of(Vars.FORCE_MAJEURE_NOTES)))));
        String readme = Files.readString(Path.of("README.md"));
        owned.forEach((element, keys) -> keys.forEach(key -> assertThat(readme)
                .as("README names what ops may set on %s", element).contains("`" + key + "`")));
    }

    @Test
    @DisplayName("R3.5 ops' own judgement: the complementary-work flag a gateway tests as ${flag} is a checkbox (a Boolean, never text)")
    void gatewayFlagsAreCheckboxes() {
        Set<String> flags = gatewayFlags();
        Set<String> written = new LinkedHashSet<>();
        List<JsonNode> inputs = new ArrayList<>();
        formsById.values().forEach(form -> inputs.addAll(inputs(form)));
        formsById.forEach((id, form) -> inputs(form).stream().filter(c -> flags.contains(c.path("key").asText()))
                .forEach(c -> {
                    written.add(c.path("key").asText());
                    assertThat(c.path("type").asText()).as("%s: %s", id, c.path("key")).isEqualTo("checkbox");
                }));
        assertThat(written).containsExactly(Vars.COMPLEMENTARY_WORK_REQUESTED);
        for (String key : List.of(Vars.CLIENT_AGREES_NOW, Vars.RESTORED)) {
            assertThat(inputs.stream().filter(c -> key.equals(c.path("key").asText())).findFirst().orElseThrow()
                    .path("type").asText()).as(key).isEqualTo("checkbox");
        }
    }

    @Test
    @DisplayName("R4.2: the causes ops pick are exactly CauseCategory")
    void causeCategories() {
        assertThat(values("incident-take-charge", Vars.CAUSE_CATEGORY))
                .containsExactly(names(CauseCategory.values()));
        assertThat(input("incident-take-charge", Vars.CAUSE_CATEGORY).path("description").asText())
                .contains("R4.2").contains("HARDWARE").contains("NETWORK").contains("HOSTER");
    }

    @Test
    @DisplayName("The remediations ops pick are exactly IncidentHandlingProcess.RemediationAction")
    void remediationActions() {
        assertThat(values("incident-choose-remediation", Vars.REMEDIATION_ACTION))
                .containsExactly(names(RemediationAction.values()));
    }

    @Test
    @DisplayName("The services ops may restart are the default of ops.incident.allowed-services, shown only for RESTART_SERVICE")
    void allowedServices() {
        assertThat(values("incident-choose-remediation", Vars.SERVICE_NAME))
                .containsExactlyElementsOf(new IncidentSettings().getAllowedServices());
        assertThat(hide("incident-choose-remediation", Vars.SERVICE_NAME))
                .isEqualTo("=remediationAction != \"RESTART_SERVICE\"");
    }

    @Test
    @DisplayName("R4.3-t3, R4.3-t4: a client decision names an action the emergency procedure can list, a French description and a cost")
    void clientDecision() {
        List<String> actions = values("incident-choose-remediation", Vars.DECISION_ACTION);
        assertThat(actions).contains("OTHER").doesNotHaveDuplicates();
        assertThat(actions.stream().filter(a -> !"OTHER".equals(a)).toList())
                .isSubsetOf(names(EmergencyAction.values()))
                .doesNotContain(RemediationAction.RESTART_SERVICE.name(), RemediationAction.REBOOT_SERVER.name());
        for (String key : List.of(Vars.DECISION_ACTION, Vars.DECISION_DESCRIPTION, Vars.ESTIMATED_COST)) {
            assertThat(hide("incident-choose-remediation", key)).as(key)
                    .isEqualTo("=remediationAction != \"CLIENT_DECISION\"");
        }
        assertThat(input("incident-choose-remediation", Vars.DECISION_DESCRIPTION).path("validate")
                .path("maxLength").asInt()).isEqualTo(1000);
        assertThat(input("incident-choose-remediation", Vars.DECISION_DESCRIPTION).path("description").asText())
                .contains("French");
        assertThat(input("incident-choose-remediation", Vars.ESTIMATED_COST).path("description").asText())
                .contains("R4.3-t4");
    }

    @Test
    @DisplayName("R4.3-t5 (3): a warning names every impacting action, shown only when impacting actions are refused")
    void impactingActionsWarning() {
        JsonNode warning = components(formsById.get("incident-choose-remediation")).stream()
                .filter(c -> "text".equals(c.path("type").asText()))
                .filter(c -> c.path("conditional").path("hide").asText().contains(Vars.IMPACTING_ACTIONS_ALLOWED))
                .findFirst().orElseThrow();
        assertThat(warning.path("conditional").path("hide").asText())
                .isEqualTo("=" + Vars.IMPACTING_ACTIONS_ALLOWED + " != false");
        assertThat(warning.path("text").asText()).contains("R4.3-t5 (3)");
        new IncidentSettings().getImpactingActions().forEach(a -> assertThat(warning.path("text").asText())
                .contains(a.name()));
    }

    @Test
    @DisplayName("R4.3-t5: phone answers are the notify Answer values plus NO_ANSWER for a contact (the quote's are QuoteApproval's)")
    void phoneAnswers() {
        List<String> outcomes = new ArrayList<>(List.of(names(Answer.values())));
        outcomes.add("NO_ANSWER");
        assertThat(values("incident-call-contact", Vars.PHONE_OUTCOME)).containsExactlyElementsOf(outcomes);
    }

    @Test
    @DisplayName("R4.3-p1, R4.3-p2, R4.3-t1: the start form gives what the register checks, detection with its offset")
    void startForm() {
        String form = "incident-report";
        assertThat(values(form, Vars.CATEGORY)).containsExactly(names(IncidentCategory.values()));
        assertThat(input(form, Vars.CATEGORY).path("defaultValue").asText()).isEqualTo("TROUBLESHOOTING");
        assertThat(values(form, Vars.LEVEL)).containsExactly("1", "2");
        JsonNode serverId = input(form, Vars.SERVER_ID);
        assertThat(serverId.path("type").asText()).isEqualTo("number");
        assertThat(serverId.path("validate").path("min").asInt()).isEqualTo(1);
        assertThat(serverId.path("decimalDigits").asInt()).isZero();
        // the columns of ops_incident: summary varchar(500), source varchar(100)
        assertThat(input(form, Vars.SUMMARY).path("validate").path("maxLength").asInt()).isEqualTo(500);
        assertThat(input(form, Vars.SOURCE).path("validate").path("maxLength").asInt()).isEqualTo(100);
        assertThat(input(form, Vars.SOURCE).path("defaultValue").asText()).isEqualTo("tasklist");
        JsonNode detected = input(form, Vars.DETECTED_AT);
        assertThat(detected.path("type").asText()).isEqualTo("datetime");
        assertThat(detected.path("subtype").asText()).isEqualTo("datetime");
        assertThat(detected.path("timeSerializingFormat").asText()).isEqualTo("utc_offset");
        assertThat(detected.path("validate").path("required").asBoolean()).isFalse();
        // what form-js submits with utc_offset is what the register parses
        assertThat(DateTimeParameters.offsetDateTime(Vars.DETECTED_AT, "2026-04-06T10:05+02:00"))
                .isEqualTo(OffsetDateTime.parse("2026-04-06T10:05:00+02:00"));
    }

    @Test
    @DisplayName("R7.1: amounts are euros excluding tax, at least 0, two decimals, submitted as exact decimal text (the quote's amount: QuoteApprovalModelTest)")
    void amounts() {
        for (JsonNode amount : List.of(input("incident-choose-remediation", Vars.ESTIMATED_COST))) {
            assertThat(amount.path("type").asText()).isEqualTo("number");
            assertThat(amount.path("validate").path("min").asInt()).isZero();
            assertThat(amount.path("decimalDigits").asInt()).isEqualTo(2);
            assertThat(amount.path("serializeToString").asBoolean()).isTrue();
            assertThat(amount.path("description").asText()).contains("EUR").contains("R7.1");
        }
    }

    @Test
    @DisplayName("Hide conditions are FEEL over known variables")
    void hideConditions() {
        Set<String> feelWords = Set.of("null", "not", "and", "or", "true", "false");
        Pattern word = Pattern.compile("[A-Za-z_]\\w*");
        formsById.forEach((id, form) -> components(form).stream().filter(c -> c.path("conditional").has("hide"))
                .forEach(c -> {
                    String hide = c.path("conditional").path("hide").asText();
                    assertThat(hide).as("%s: %s", id, c.path("id")).startsWith("=");
                    Matcher m = word.matcher(hide.replaceAll("\"[^\"]*\"", "\"\""));
                    while (m.find()) {
                        String name = m.group();
                        assertThat(feelWords.contains(name) || vars.contains(name) || DISPLAY_ONLY_KEYS.containsKey(name))
                                .as("%s: %s refers to unknown '%s'", id, c.path("id"), name).isTrue();
                    }
                }));
    }

    @Test
    @DisplayName("Layout rows fit form-js's 16-column grid")
    void rowsFitTheGrid() {
        formsById.forEach((id, form) -> {
            Map<String, Integer> widths = new LinkedHashMap<>();
            components(form).forEach(c -> {
                assertThat(c.path("layout").path("row").asText()).as("%s: row of %s", id, c.path("id")).isNotBlank();
                widths.merge(c.path("layout").path("row").asText(), c.path("layout").path("columns").asInt(0),
                        Integer::sum);
            });
            widths.forEach((row, width) -> assertThat(width).as("%s: %s", id, row).isLessThanOrEqualTo(16));
        });
    }

    @Test
    @DisplayName("Every form cites the contract rules it serves")
    void everyFormCitesItsRules() {
        formsById.forEach((id, form) -> {
            String prose = components(form).stream()
                    .map(c -> c.path("text").asText() + " " + c.path("description").asText() + " " + c.path("label").asText())
                    .collect(Collectors.joining(" "));
            assertThat(RULE_ID.matcher(prose).find()).as("%s cites a rule id", id).isTrue();
        });
    }

    // --- helpers ---

    /** The variables the sequence flows test bare, as {@code ${flag}}. */
    private static Set<String> gatewayFlags() {
        Pattern bare = Pattern.compile("^\\$\\{\\s*(\\w+)\\s*}$");
        Set<String> flags = new LinkedHashSet<>();
        for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
            if (flow.getConditionExpression() != null) {
                Matcher m = bare.matcher(flow.getConditionExpression().getTextContent().strip());
                if (m.matches()) {
                    flags.add(m.group(1));
                }
            }
        }
        return flags;
    }

    private static Set<String> constants(Class<?> type) {
        return Arrays.stream(type.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && Modifier.isFinal(f.getModifiers()))
                .filter(f -> f.getType() == String.class)
                .map(IncidentFormsTest::value)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String[] names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toArray(String[]::new);
    }

    /** All components, nested ones (groups) included. */
    private static List<JsonNode> components(JsonNode container) {
        List<JsonNode> all = new ArrayList<>();
        container.path("components").forEach(c -> {
            all.add(c);
            all.addAll(components(c));
        });
        return all;
    }

    private static boolean keyed(JsonNode c) {
        return c.hasNonNull("key") && !"text".equals(c.path("type").asText());
    }

    /** Fields ops fill: keyed, neither read-only nor disabled. */
    private static List<JsonNode> inputs(JsonNode form) {
        return components(form).stream().filter(IncidentFormsTest::keyed)
                .filter(c -> !c.path("readonly").asBoolean(false) && !c.path("disabled").asBoolean(false)).toList();
    }

    private static JsonNode input(String formId, String key) {
        JsonNode form = formsById.get(formId);
        assertThat(form).as("form %s", formId).isNotNull();
        return inputs(form).stream().filter(c -> key.equals(c.path("key").asText())).findFirst()
                .orElseThrow(() -> new AssertionError(formId + " has no input '" + key + "'"));
    }

    private static List<String> values(String formId, String key) {
        List<String> values = new ArrayList<>();
        input(formId, key).path("values").forEach(v -> values.add(v.path("value").asText()));
        return values;
    }

    private static String hide(String formId, String key) {
        return input(formId, key).path("conditional").path("hide").asText(null);
    }
}
