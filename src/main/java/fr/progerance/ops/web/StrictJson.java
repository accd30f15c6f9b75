package fr.progerance.ops.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.util.EnumResolver;
import java.io.IOException;
import java.time.temporal.Temporal;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.stereotype.Component;

/**
 * Issue 7 (5): the application's JSON is read strictly. A request body is exactly one JSON value of
 * the declared shape, or it is refused with the field named ({@link JsonProblems}); nothing is
 * guessed, so nothing half-meant is saved:
 * <ul>
 * <li>nothing may follow the object (trailing tokens), and a key appears at most once;</li>
 * <li>unknown fields are refused, in nested objects too;</li>
 * <li>no coercion between JSON types: {@code 1.5} (or {@code 1.0}) is not a whole number, a number
 *     or {@code true} is not text, a number is not {@code true}, {@code "22"} is not a number;</li>
 * <li>enum values are their exact names: no index ({@code 1}), no surrounding spaces
 *     ({@code "TERMINATED "}, which Jackson itself trims), no other case;</li>
 * <li>dates are ISO-8601 text only (no lenient parsing, no epoch numbers:
 *     {@code "startDate": 1700000000} would be the year 4656411);</li>
 * <li>a string is at most {@value #MAX_STRING_LENGTH} characters and objects nest at most
 *     {@value #MAX_NESTING_DEPTH} deep, checked while parsing.</li>
 * </ul>
 * It customises Spring Boot's {@link ObjectMapper}, which reads the bodies of the application's
 * own controllers ({@code /api}). Camunda's REST API and webapps use their own mappers and
 * Actuator an isolated one: their behaviour does not change.
 */
@Component
public class StrictJson implements Jackson2ObjectMapperBuilderCustomizer, Ordered {

    /** The longest JSON string read (the longest text field holds a few thousand characters). */
    public static final int MAX_STRING_LENGTH = 100_000;
    /** The deepest nesting of objects and arrays read (request bodies have three levels). */
    public static final int MAX_NESTING_DEPTH = 32;

    @Override
    public void customize(Jackson2ObjectMapperBuilder builder) {
        builder.postConfigurer(StrictJson::apply);
    }

    /** After Spring Boot's own customizer (the {@code spring.jackson.*} settings). */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** Makes {@code mapper} strict, as described above; returns it. */
    @SuppressWarnings("deprecation")
    public static ObjectMapper apply(ObjectMapper mapper) {
        mapper.getFactory().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        // No request field is longer than a few thousand characters: refuse huge strings and deep nesting
        // while parsing, before any of it is kept (Jackson's defaults: 20 million characters, 1000 levels).
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(MAX_STRING_LENGTH).maxNestingDepth(MAX_NESTING_DEPTH).build());
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT,
                DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
                DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS,
                DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT,
                DeserializationFeature.ACCEPT_EMPTY_ARRAY_AS_NULL_OBJECT,
                DeserializationFeature.READ_ENUMS_USING_TO_STRING,
                DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL,
                DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE);
        mapper.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS, MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS,
                MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES, MapperFeature.ACCEPT_CASE_INSENSITIVE_VALUES);
        // Dates and times: ISO-8601 text only (java.time refuses numbers when not lenient).
        mapper.setDefaultLeniency(false);
        // ALLOW_COERCION_OF_SCALARS does not cover text: a number or a boolean is not a string.
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        for (LogicalType type : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean,
            LogicalType.DateTime, LogicalType.Enum}) {
            mapper.coercionConfigFor(type)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        for (LogicalType type : new LogicalType[] {LogicalType.Enum, LogicalType.DateTime}) {
            mapper.coercionConfigFor(type)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        }
        mapper.registerModule(new SimpleModule("ops-strict-values").setDeserializerModifier(new StrictValues()));
        return mapper;
    }

    /** Every enum is read by {@link ExactEnum}; dates and times only from text ({@link TimeFromText}). */
    private static final class StrictValues extends BeanDeserializerModifier {

        private static final long serialVersionUID = 1L;

        @Override
        public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                JsonDeserializer<?> deserializer) {
            return Temporal.class.isAssignableFrom(description.getBeanClass())
                    ? new TimeFromText(deserializer) : deserializer;
        }

        @Override
        public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                BeanDescription description, JsonDeserializer<?> deserializer) {
            return new ExactEnum(type.getRawClass(), EnumResolver.constructFor(config, description.getClassInfo()));
        }
    }

    /**
     * A {@code java.time} value from ISO-8601 text only: Jackson's own deserializers also read
     * arrays ({@code [2026,1,1]}) and, when lenient, numbers.
     */
    static final class TimeFromText extends DelegatingDeserializer {

        private static final long serialVersionUID = 1L;

        TimeFromText(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new TimeFromText(delegate);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return ctxt.handleUnexpectedToken(handledType(), p);
            }
            return super.deserialize(p, ctxt);
        }
    }

    /**
     * An enum value from a JSON string equal to one of its names (as Jackson would write them,
     * {@code @JsonProperty} and {@code @JsonAlias} included), and from nothing else.
     */
    static final class ExactEnum extends StdScalarDeserializer<Object> {

        private static final long serialVersionUID = 1L;

        private final transient EnumResolver names;

        ExactEnum(Class<?> type, EnumResolver names) {
            super(type);
            this.names = names;
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return ctxt.handleUnexpectedToken(handledType(), p);
            }
            String text = p.getText();
            Object value = names.findEnum(text);
            if (value == null) {
                return ctxt.handleWeirdStringValue(handledType(), text, "not one of the names of %s",
                        handledType().getSimpleName());
            }
            return value;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Enum;
        }
    }
}
