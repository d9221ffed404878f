package io.github.mpota.runtime.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;

/** How the reference device's Python code treats the values it receives: int(), arithmetic, comparisons. */
final class PythonValues {

    private PythonValues() {
    }

    /**
     * {@code int(text.strip())}: optional sign, decimal digits with single underscores between them, surrounding
     * white space ignored. Empty when Python would raise ValueError.
     */
    static Optional<BigInteger> parseInt(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        int i = 0;
        boolean negative = false;
        if (s.charAt(0) == '+' || s.charAt(0) == '-') {
            negative = s.charAt(0) == '-';
            i = 1;
        }
        StringBuilder digits = new StringBuilder();
        boolean lastWasDigit = false;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
                lastWasDigit = true;
            } else if (c == '_' && lastWasDigit && i + 1 < s.length()) {
                lastWasDigit = false;
            } else {
                return Optional.empty();
            }
        }
        if (digits.length() == 0 || !lastWasDigit) {
            return Optional.empty();
        }
        BigInteger v = new BigInteger(digits.toString());
        return Optional.of(negative ? v.negate() : v);
    }

    /** A JSON value as a Python number ({@code true} is 1, {@code false} 0), or empty for anything else. */
    static Optional<BigDecimal> number(JsonNode n) {
        if (n == null) {
            return Optional.empty();
        }
        if (n.isBoolean()) {
            return Optional.of(n.booleanValue() ? BigDecimal.ONE : BigDecimal.ZERO);
        }
        if (n.isNumber()) {
            return Optional.of(n.decimalValue());
        }
        return Optional.empty();
    }

    /** A JSON value that Python accepts where an int is needed (recv(n), read(n)): an int or a bool. */
    static Optional<BigInteger> index(JsonNode n) {
        if (n == null) {
            return Optional.empty();
        }
        if (n.isBoolean()) {
            return Optional.of(n.booleanValue() ? BigInteger.ONE : BigInteger.ZERO);
        }
        if (n.isIntegralNumber()) {
            return Optional.of(n.bigIntegerValue());
        }
        return Optional.empty();
    }

    /** The Python type name of a JSON value, for messages that read like the board's exception. */
    static String typeName(JsonNode n) {
        if (n == null || n.isNull()) {
            return "NoneType";
        }
        if (n.isBoolean()) {
            return "bool";
        }
        if (n.isIntegralNumber()) {
            return "int";
        }
        if (n.isNumber()) {
            return "float";
        }
        if (n.isTextual()) {
            return "str";
        }
        if (n.isArray()) {
            return "list";
        }
        return "dict";
    }
}
