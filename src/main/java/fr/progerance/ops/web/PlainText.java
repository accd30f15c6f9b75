package fr.progerance.ops.web;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.CONSTRUCTOR;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Optional;

/**
 * Issue 7 (6): a request's text field holds plain text ({@link TextRules}): one line, or several
 * when {@link #multiLine()}; never NUL, ESC or other control characters. Its length is bounded by
 * {@code @Size} beside it. Null is valid (say {@code @NotBlank} when the field is required).
 */
@Documented
@Constraint(validatedBy = PlainText.Check.class)
@Target({METHOD, FIELD, ANNOTATION_TYPE, CONSTRUCTOR, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface PlainText {

    /** Line breaks (LF, CR) allowed: a note. */
    boolean multiLine() default false;

    String message() default "must be plain text";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks with {@link TextRules} and names the refused character in the message. */
    class Check implements ConstraintValidator<PlainText, CharSequence> {

        private boolean multiLine;

        @Override
        public void initialize(PlainText annotation) {
            multiLine = annotation.multiLine();
        }

        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            Optional<String> problem = TextRules.problem(value == null ? null : value.toString(), multiLine);
            if (problem.isEmpty()) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(problem.get().replace("\\", "\\\\").replace("{", "\\{")
                    .replace("}", "\\}").replace("$", "\\$")).addConstraintViolation();
            return false;
        }
    }
}
