package org.hearthhub.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hearthhub.auth.PasswordPolicy;
import org.hearthhub.config.ConfigLoader;
import org.hearthhub.error.Refusal;
import org.hearthhub.i18n.Languages;
import org.hearthhub.model.Role;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The staff account fields as a lead's or a person's request gives them: each read, or refused (400) by name. */
final class StaffFields {
    static final int MAX_DISPLAY_NAME = 80;

    private StaffFields() {
    }

    /** A program phone in E.164 ("+15550100200"; spaces, dots, dashes and brackets are dropped), or null to remove it. */
    static String phone(Object value) {
        if (value == null || (value instanceof String s && s.isBlank())) return null;
        String number = value instanceof String s ? s.replaceAll("[\\s().-]", "") : "";
        if (!number.matches(ConfigLoader.E164)) throw Refusal.badField("phone", "error.phone");
        return number;
    }

    static Role role(Object value) {
        try {
            return Role.fromWire(value instanceof String s ? s : "");
        } catch (IllegalArgumentException e) {
            throw Refusal.badRequest("error.role");
        }
    }

    static String password(Object value) {
        String pw = value instanceof String s ? s : null;
        Optional<String> problem = PasswordPolicy.problemWith(pw);
        if (problem.isPresent()) throw Refusal.badRequest("error.password", problem.get());
        return pw;
    }

    static int capacity(Object value, Integer fallback, int maxCapacity) {
        if (value == null && fallback != null) return fallback;
        if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.intValue() < 1 || n.intValue() > maxCapacity) {
            throw Refusal.badRequest("error.capacity", "capacity must be a whole number from 1 to " + maxCapacity);
        }
        return n.intValue();
    }

    static List<String> languages(Object value, List<String> fallback) {
        if (value == null && fallback != null) return fallback;
        if (!(value instanceof JsonArray list) || list.isEmpty()) throw Refusal.badRequest("error.languages");
        Set<String> out = new LinkedHashSet<>();
        for (Object o : list) {
            if (!(o instanceof String s) || !Languages.supported(s)) throw Refusal.badRequest("error.languages");
            out.add(s);
        }
        return List.copyOf(out);
    }

    static Boolean flag(JsonObject body, String field) {
        Object v = body.getValue(field);
        if (v == null) return null;
        if (!(v instanceof Boolean b)) throw Refusal.badRequest("error.bad_request", "\"" + field + "\" must be true or false");
        return b;
    }
}
