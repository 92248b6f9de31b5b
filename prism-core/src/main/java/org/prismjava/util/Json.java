package org.prismjava.util;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The library's one JSON mapper (Jackson) for its own metadata files (checkpoints, run folders,
 * benchmark results): plain values are {@code Map<String, Object>} (insertion order kept),
 * {@code List<Object>}, {@code String}, {@code Number}, {@code Boolean} and {@code null}.
 * Non-finite doubles are written as the strings "NaN", "Infinity" and "-Infinity" and read
 * back by {@link #number(Object)}. Text is indented two spaces, {@code "key": value}, one
 * object entry per line, arrays on one line ({@code [1, 2]}), with a final newline. Internal:
 * public for the library's own packages and modules, not a supported API.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withArrayValueSpacing(Separators.Spacing.AFTER)
                    .withArrayEmptySeparator("").withObjectEmptySeparator(""))
            .withArrayIndenter(new DefaultPrettyPrinter.NopIndenter())
            .withObjectIndenter(new DefaultIndenter("  ", "\n"));

    private Json() {
    }

    /** Pretty-printed JSON text of {@code value}. */
    public static String write(Object value) {
        try {
            return MAPPER.writer(PRETTY).writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Parses JSON text into plain values. */
    public static Object parse(String text) {
        try {
            return MAPPER.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new IllegalArgumentException("invalid JSON" + (at == null ? "" : " at line " + at.getLineNr()
                    + ", column " + at.getColumnNr()) + ": " + e.getOriginalMessage(), e);
        }
    }

    /** A number written by {@link #write}, including the non-finite string forms. */
    public static double number(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            return Double.parseDouble(s);
        }
        throw new IllegalArgumentException("not a number: " + v);
    }
}
