package fr.progerance.ops.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The variables a Camunda Form (form-js JSON, as Tasklist 7.24 renders it) lets a person write:
 * every keyed field that is neither {@code disabled} nor {@code readonly}, nested groups included.
 * Tasklist submits exactly those fields; context fields are disabled, so they are never written
 * back (see {@code IncidentFormsTest}). Text and layout components write nothing.
 */
public final class FormInputs {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> NOT_INPUTS = Set.of("text", "html", "spacer", "separator", "image", "button",
            "iframe", "table", "group", "dynamiclist");

    private FormInputs() {
    }

    /** The input keys of the form in {@code json}; an empty set for a form without inputs. */
    public static Set<String> of(InputStream json) throws IOException {
        JsonNode form = JSON.readTree(json);
        Set<String> keys = new LinkedHashSet<>();
        collect(form, keys);
        return Collections.unmodifiableSet(keys);
    }

    private static void collect(JsonNode container, Set<String> keys) {
        for (JsonNode c : container.path("components")) {
            if (c.hasNonNull("key") && !NOT_INPUTS.contains(c.path("type").asText())
                    && !c.path("disabled").asBoolean(false) && !c.path("readonly").asBoolean(false)) {
                keys.add(c.path("key").asText());
            }
            collect(c, keys);
        }
    }
}
