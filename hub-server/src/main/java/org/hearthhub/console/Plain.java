package org.hearthhub.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Vert.x JSON turned into plain maps and lists, which templates can index by key. */
final class Plain {
    private Plain() {
    }

    static Map<String, Object> of(JsonObject json) {
        Map<String, Object> out = new LinkedHashMap<>();
        json.forEach(e -> out.put(e.getKey(), value(e.getValue())));
        return out;
    }

    private static Object value(Object v) {
        if (v instanceof JsonObject o) return of(o);
        if (v instanceof JsonArray a) {
            List<Object> list = new ArrayList<>();
            a.forEach(x -> list.add(value(x)));
            return list;
        }
        return v;
    }
}
