package org.hearthhub.ws;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A frame's fields behave as a {@code LinkedHashMap} does, step for step. */
class FrameFieldsTest {
    @Test
    void randomStepsLeaveTheSameFieldsInTheSameOrderAsALinkedHashMap() {
        Random random = new Random(24);
        for (int round = 0; round < 200; round++) {
            Map<String, Object> fields = new FrameFields();
            Map<String, Object> expected = new LinkedHashMap<>();
            for (int step = 0; step < 60; step++) {
                String name = new String("f" + random.nextInt(12)); // not the same instance: found by equals
                Object value = random.nextInt(5) == 0 ? null : random.nextInt(100);
                switch (random.nextInt(6)) {
                    case 0, 1, 2 -> assertEquals(expected.put(name, value), fields.put(name, value), "put " + name);
                    case 3 -> assertEquals(expected.remove(name), fields.remove(name), "remove " + name);
                    case 4 -> removeThroughTheIterator(expected, fields, name);
                    default -> {
                        assertEquals(expected.get(name), fields.get(name), "get " + name);
                        assertEquals(expected.containsKey(name), fields.containsKey(name), "contains " + name);
                    }
                }
                assertEquals(List.copyOf(expected.entrySet()), new ArrayList<>(fields.entrySet()), "after step " + step);
                assertEquals(expected, fields);
                assertEquals(expected.hashCode(), fields.hashCode());
            }
            fields.clear();
            assertEquals(0, fields.size());
        }
    }

    @Test
    void aFieldSetThroughItsEntryChangesTheMapAndANullNameIsRefused() {
        Map<String, Object> fields = new FrameFields();
        fields.put("type", "message");
        fields.put("text", "hola");
        fields.entrySet().iterator().next().setValue("typing");
        assertEquals("typing", fields.get("type"));
        assertThrows(NullPointerException.class, () -> fields.put(null, 1));
        Iterator<Map.Entry<String, Object>> it = fields.entrySet().iterator();
        assertThrows(IllegalStateException.class, it::remove, "nothing read yet");
    }

    private static void removeThroughTheIterator(Map<String, Object> expected, Map<String, Object> fields, String name) {
        expected.remove(name);
        for (Iterator<Map.Entry<String, Object>> it = fields.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getKey().equals(name)) it.remove();
        }
    }
}
