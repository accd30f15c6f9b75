package fr.progerance.ops.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Issue 7 (6): every text field of every request body of the application API (found in the
 * controllers, nested records and lists included) has a character rule ({@link PlainText}, or a
 * strict {@link Pattern}) and a maximum length ({@link Size}, or a pattern of bounded length).
 */
class RequestTextFieldsTest {

    /** The longest text any request field may hold. */
    private static final int LONGEST = 10_000;

    @Test
    @DisplayName("Issue 7: every text field of every request body refuses control characters and has a maximum length")
    void everyTextFieldIsBounded() throws Exception {
        Set<Class<?>> bodies = new LinkedHashSet<>();
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(RestController.class));
        for (BeanDefinition definition : scanner.findCandidateComponents("fr.progerance.ops")) {
            for (Method method : Class.forName(definition.getBeanClassName()).getDeclaredMethods()) {
                for (int i = 0; i < method.getParameterCount(); i++) {
                    if (method.getParameters()[i].isAnnotationPresent(RequestBody.class)) {
                        collect(method.getParameters()[i].getParameterizedType(), bodies);
                    }
                }
            }
        }
        assertThat(bodies).extracting(Class::getSimpleName).contains("ClientRequest", "Address", "ContactRequest",
                "ContractRequest", "EmergencyProcedure", "StatusChange", "ServerRequest", "PrerequisitesUpdate", "Item",
                "IncidentRequest", "ForceMajeureRequest");

        List<String> textFields = new ArrayList<>();
        List<String> unbounded = new ArrayList<>();
        for (Class<?> body : bodies) {
            for (RecordComponent component : body.getRecordComponents()) {
                Field field = body.getDeclaredField(component.getName());
                String name = body.getSimpleName() + "." + component.getName();
                if (field.getType() == String.class) {
                    textFields.add(name);
                    check(name, field.getAnnotatedType(), field, unbounded);
                } else if (field.getAnnotatedType() instanceof AnnotatedParameterizedType p) {
                    for (AnnotatedType argument : p.getAnnotatedActualTypeArguments()) {
                        if (argument.getType() == String.class) {
                            textFields.add(name + "[]");
                            check(name + "[]", argument, argument, unbounded);
                        }
                    }
                }
            }
        }
        assertThat(textFields).contains("ClientRequest.companyName", "Address.city", "ServerRequest.hosterName",
                "EmergencyProcedure.steps[]", "Item.note", "IncidentRequest.summary", "ForceMajeureRequest.reason");
        assertThat(unbounded).as("text fields without a character rule or a maximum length").isEmpty();
    }

    private static void check(String name, AnnotatedType type, AnnotatedElement declaration, List<String> unbounded) {
        PlainText text = annotation(PlainText.class, type, declaration);
        Pattern pattern = annotation(Pattern.class, type, declaration);
        Size size = annotation(Size.class, type, declaration);
        if (text == null && pattern == null) {
            unbounded.add(name + " (no @PlainText or @Pattern)");
        }
        boolean boundedPattern = pattern != null
                && !withoutClasses(pattern.regexp()).matches(".*(\\*|\\+|\\{\\d+,\\}).*");
        if ((size == null || size.max() > LONGEST) && !boundedPattern) {
            unbounded.add(name + " (no maximum length)");
        }
    }

    /** The regular expression without escapes and bracket expressions: only its quantifiers count. */
    private static String withoutClasses(String regexp) {
        return regexp.replaceAll("\\\\.", "x").replaceAll("\\[[^\\]]*\\]", "x");
    }

    private static <A extends java.lang.annotation.Annotation> A annotation(Class<A> type, AnnotatedType use,
            AnnotatedElement declaration) {
        A a = use.getAnnotation(type);
        return a != null ? a : declaration.getAnnotation(type);
    }

    /** The records reachable from a body type: itself, its components, the elements of its collections. */
    private static void collect(Type type, Set<Class<?>> bodies) {
        if (type instanceof ParameterizedType p) {
            if (p.getRawType() instanceof Class<?> raw && Collection.class.isAssignableFrom(raw)) {
                for (Type argument : p.getActualTypeArguments()) {
                    collect(argument, bodies);
                }
            }
            return;
        }
        if (type instanceof Class<?> c && c.isRecord() && bodies.add(c)) {
            for (RecordComponent component : c.getRecordComponents()) {
                collect(component.getGenericType(), bodies);
            }
        }
    }
}
