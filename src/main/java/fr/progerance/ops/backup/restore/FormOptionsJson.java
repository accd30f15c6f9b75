package fr.progerance.ops.backup.restore;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.variable.serializer.AbstractObjectValueSerializer;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.springframework.stereotype.Component;

/**
 * The options of a Camunda Form select ({@code valuesKey}) as Tasklist reads them: an Object
 * variable in the {@code application/json} data format, which Tasklist parses into the
 * {@code [{label, value}]} list form-js shows (Task_ChooseBackupPoint lists the server's snapshots
 * this way). The engine has no JSON data format without Camunda Spin, which this project does not
 * use; this plugin adds the smallest one: a list of string maps, nothing else is ever deserialized.
 *
 * <p>Merge note: engine-wide, it belongs in {@code engine/}; if Spin is ever added, remove this
 * serializer (both would claim {@code application/json}).
 */
@Component
public class FormOptionsJson extends AbstractProcessEnginePlugin {

    static final String FORMAT = Variables.SerializationDataFormats.JSON.getName();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TYPE = ArrayList.class.getName();

    /** The variable value of {@code options}: label and value per option. */
    public static ObjectValue value(List<Map<String, String>> options) {
        try {
            return Variables.serializedObjectValue(JSON.writeValueAsString(options)).serializationDataFormat(FORMAT)
                    .objectTypeName(TYPE).create();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("Options not writable as JSON", e);
        }
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPreVariableSerializers() == null) {
            configuration.setCustomPreVariableSerializers(new ArrayList<>());
        }
        configuration.getCustomPreVariableSerializers().add(new Serializer());
    }

    /** Lists of string maps to and from JSON text. */
    static final class Serializer extends AbstractObjectValueSerializer {

        Serializer() {
            super(FORMAT);
        }

        @Override
        public String getName() {
            return "ops-form-options-json";
        }

        @Override
        protected String getTypeNameForDeserialized(Object deserializedObject) {
            return TYPE;
        }

        @Override
        protected byte[] serializeToByteArray(Object deserializedObject) throws Exception {
            return JSON.writeValueAsBytes(deserializedObject);
        }

        @Override
        protected Object deserializeFromByteArray(byte[] object, String objectTypeName) throws Exception {
            if (!TYPE.equals(objectTypeName)) {
                throw new IllegalArgumentException("Only form options (" + TYPE + ") are read as JSON, not "
                        + objectTypeName);
            }
            return new ArrayList<>(JSON.readValue(object, new TypeReference<List<Map<String, String>>>() { }));
        }

        @Override
        protected boolean isSerializationTextBased() {
            return true;
        }

        /** Never chosen for a plain Java value: only values created by {@link #value} (already JSON) come here. */
        @Override
        protected boolean canSerializeValue(Object value) {
            return false;
        }

        /** The options are written once by a delegate and never changed in place. */
        @Override
        public boolean isMutableValue(ObjectValue typedValue) {
            return false;
        }
    }
}
