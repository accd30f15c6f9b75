package fr.progerance.ops.billing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * Amounts in euros as the billing API writes and reads them: written as JSON strings with two
 * decimals ({@code "1234.50"}), read from a JSON string of a plain decimal ({@code "12.5"}) or a JSON
 * number ({@code 12.5}), kept exact (a number is read from its text, never through a double). How many
 * decimals it may have is checked by the service, which names the field.
 */
public final class Money {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?[0-9]{1,13}(\\.[0-9]{1,20})?");

    private Money() {
    }

    /** {@code 1234.5} as {@code "1234.50"}; null stays null. */
    public static String text(BigDecimal amount) {
        return amount == null ? null : amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** The amount of a JSON field: a JSON number, or a string holding a plain decimal. */
    public static final class Reader extends StdScalarDeserializer<BigDecimal> {

        public Reader() {
            super(BigDecimal.class);
        }

        @Override
        public BigDecimal deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return switch (parser.currentToken()) {
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getDecimalValue();
                case VALUE_STRING -> {
                    String text = parser.getText();
                    if (!DECIMAL.matcher(text).matches()) {
                        throw new InvalidFormatException(parser, "not a plain decimal amount", text, BigDecimal.class);
                    }
                    yield new BigDecimal(text);
                }
                default -> (BigDecimal) context.handleUnexpectedToken(BigDecimal.class, parser);
            };
        }
    }
}
