package org.prismjava.util;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Typed access to a JSON object read from a file, whose errors name the file, the key, what
 * was found and what is expected ({@code "checkpoint.json in DIR: key next_sample is missing"}),
 * instead of a raw {@code NullPointerException} or {@code ClassCastException}.
 */
public final class StoredFields {
    private final Map<?, ?> map;
    private final String source;

    private StoredFields(Map<?, ?> map, String source) {
        this.map = map;
        this.source = source;
    }

    /**
     * @param value parsed JSON, which must be an object
     * @param source what the map was read from, for messages (e.g. the file's path)
     */
    public static StoredFields of(Object value, String source) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(source + " is invalid: expected a JSON object, found "
                    + describe(value));
        }
        return new StoredFields(m, source);
    }

    /**
     * Parses JSON text read from {@code source} into its top-level object; text that is not
     * JSON, or not an object, is an error naming the source.
     */
    public static StoredFields parse(String text, String source) {
        Object parsed;
        try {
            parsed = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + " is not valid JSON: " + e.getMessage(), e);
        }
        return of(parsed, source);
    }

    /** Where the fields were read from. */
    public String source() {
        return source;
    }

    /** Whether {@code key} is present and not null. */
    public boolean has(String key) {
        return map.get(key) != null;
    }

    /** A required integer that fits in an int. */
    public int integer(String key) {
        long v = longValue(key);
        if (v != (int) v) {
            throw wrong(key, map.get(key), "an integer in int range");
        }
        return (int) v;
    }

    /** A required integer. */
    public long longValue(String key) {
        Object v = required(key);
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.longValue();
        }
        throw wrong(key, v, "an integer");
    }

    /** A required number, including the non-finite string forms {@link Json} writes. */
    public double number(String key) {
        Object v = required(key);
        try {
            return Json.number(v);
        } catch (IllegalArgumentException e) {
            throw wrong(key, v, "a number");
        }
    }

    /** A required string. */
    public String string(String key) {
        Object v = required(key);
        if (v instanceof String s) {
            return s;
        }
        throw wrong(key, v, "a string");
    }

    /** A required boolean. */
    public boolean bool(String key) {
        Object v = required(key);
        if (v instanceof Boolean b) {
            return b;
        }
        throw wrong(key, v, "true or false");
    }

    /**
     * A required value stored by name and looked up by {@code byName}; its refusal becomes this
     * source's error naming the key.
     */
    public <T> T named(String key, Function<String, T> byName) {
        String v = string(key);
        try {
            return byName.apply(v);
        } catch (IllegalArgumentException e) {
            throw invalid("key " + key + ": " + e.getMessage());
        }
    }

    /**
     * Refuses keys outside {@code known} (a misspelt setting is an error, never ignored), naming
     * them and the keys allowed.
     */
    public StoredFields requireOnly(Collection<String> known) {
        List<String> unknown = map.keySet().stream().map(String::valueOf).filter(k -> !known.contains(k)).toList();
        if (!unknown.isEmpty()) {
            throw invalid("unknown key" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown)
                    + "; allowed: " + String.join(", ", known));
        }
        return this;
    }

    /** A required constant of {@code type}, stored by its {@code name()}. */
    public <E extends Enum<E>> E constant(String key, Class<E> type) {
        String v = string(key);
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(v)) {
                return e;
            }
        }
        throw wrong(key, v, "one of " + java.util.Arrays.toString(type.getEnumConstants()));
    }

    /** A required nested object, its source named by the key path. */
    public StoredFields fields(String key) {
        Object v = required(key);
        if (v instanceof Map<?, ?> m) {
            return new StoredFields(m, source + ", " + key);
        }
        throw wrong(key, v, "a JSON object");
    }

    /** A required nested object as a map with string keys. */
    public Map<String, Object> map(String key) {
        return fields(key).toMap();
    }

    /** A required list. */
    public List<?> list(String key) {
        Object v = required(key);
        if (v instanceof List<?> l) {
            return l;
        }
        throw wrong(key, v, "a list");
    }

    /** These fields as a map with string keys. */
    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    /** An error about this source: "{@code SOURCE is invalid: problem}". */
    public IllegalArgumentException invalid(String problem) {
        return new IllegalArgumentException(source + " is invalid: " + problem);
    }

    private Object required(String key) {
        Object v = map.get(key);
        if (v == null) {
            throw invalid("key " + key + " is missing");
        }
        return v;
    }

    private IllegalArgumentException wrong(String key, Object value, String expected) {
        return invalid("key " + key + " must be " + expected + ", found " + describe(value));
    }

    private static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        String s = v instanceof String ? "\"" + v + "\"" : String.valueOf(v);
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
