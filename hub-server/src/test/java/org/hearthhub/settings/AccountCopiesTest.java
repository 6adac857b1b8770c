package org.hearthhub.settings;

import com.fasterxml.jackson.databind.JsonNode;
import org.hearthhub.model.Role;
import org.hearthhub.util.HubJson;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The callers change an account through its {@code with…} copies: each must change its own field and carry every
 * other one over (a field added to the record and forgotten in one copy would be lost on every save through it), and
 * none may become a stored property.
 */
class AccountCopiesTest {
    /** Every field set to something other than its default, so a copy that drops one shows. */
    private static final Account FULL = new Account("maria", "Maria", Role.ADVOCATE, "$argon2id$hash", "JBSWY3DPEHPK3PXP", false,
            3, List.of("en", "es"), "es", Instant.parse("2026-01-02T03:04:05Z"), true, "+15550100",
            Map.of("main", Role.ADVOCATE, "riverside", Role.LEAD), true, 7);

    @Test
    void eachCopyChangesItsOwnFieldAndCarriesEveryOtherOver() throws Exception {
        List<String> copies = new ArrayList<>();
        for (RecordComponent field : Account.class.getRecordComponents()) {
            String name = "with" + Character.toUpperCase(field.getName().charAt(0)) + field.getName().substring(1);
            Method copy;
            try {
                copy = Account.class.getMethod(name, field.getType());
            } catch (NoSuchMethodException none) {
                continue;
            }
            Object before = field.getAccessor().invoke(FULL);
            Object value = another(before);
            Account changed = (Account) copy.invoke(FULL, value);
            for (RecordComponent other : Account.class.getRecordComponents()) {
                Object now = other.getAccessor().invoke(changed);
                if (other.getName().equals(field.getName())) assertEquals(value, now, name + " sets " + other.getName());
                else assertEquals(other.getAccessor().invoke(FULL), now, name + " keeps " + other.getName());
            }
            copies.add(name);
        }
        assertTrue(copies.containsAll(List.of("withDisplayName", "withRole", "withPasswordHash", "withTotpSecret", "withDisabled",
                "withCapacity", "withLanguages", "withUiLanguage", "withPhone", "withPrograms", "withCoalitionAdmin")), copies.toString());
    }

    @Test
    void voidingDevicesStepsTheEpochUpAndCarriesEveryOtherFieldOver() throws Exception {
        Account voided = FULL.withDevicesVoided();
        for (RecordComponent field : Account.class.getRecordComponents()) {
            Object now = field.getAccessor().invoke(voided);
            if (field.getName().equals("devicesEpoch")) assertEquals(8L, now);
            else assertEquals(field.getAccessor().invoke(FULL), now, "withDevicesVoided keeps " + field.getName());
        }
    }

    @Test
    void anAccountStoredWithoutADevicesEpochReadsAsZeroAndZeroIsNotWritten() throws Exception {
        JsonNode old = HubJson.mapper().valueToTree(FULL);
        ((com.fasterxml.jackson.databind.node.ObjectNode) old).remove("devicesEpoch");
        Account read = HubJson.mapper().treeToValue(old, Account.class);
        assertEquals(0L, read.devicesEpoch(), "stored before device epochs: nothing voided yet");
        assertTrue(!HubJson.mapper().valueToTree(read).has("devicesEpoch"), "and stored as it was");
        assertEquals(1L, HubJson.mapper().valueToTree(read.withDevicesVoided()).get("devicesEpoch").asLong());
    }

    @Test
    void theCopiesAreNotStoredProperties() throws Exception {
        JsonNode stored = HubJson.mapper().valueToTree(FULL.withCapacity(4).withUiLanguage("en"));
        Set<String> names = new LinkedHashSet<>();
        stored.fieldNames().forEachRemaining(names::add);
        Set<String> fields = new LinkedHashSet<>(Arrays.stream(Account.class.getRecordComponents()).map(RecordComponent::getName).toList());
        assertEquals(fields, names);
        assertEquals(FULL.withCapacity(4).withUiLanguage("en"), HubJson.mapper().treeToValue(stored, Account.class));
    }

    private static Object another(Object value) {
        Object other;
        if (value instanceof String s) other = s + "-other";
        else if (value instanceof Role r) other = r == Role.LEAD ? Role.ADVOCATE : Role.LEAD;
        else if (value instanceof Boolean b) other = !b;
        else if (value instanceof Integer i) other = i + 1;
        else if (value instanceof Long l) other = l + 1;
        else if (value instanceof List<?>) other = List.of("fr");
        else if (value instanceof Map<?, ?>) other = Map.of("elsewhere", Role.LEAD);
        else if (value instanceof Instant t) other = t.plusSeconds(1);
        else throw new AssertionError("no other value for " + value);
        assertNotEquals(value, other);
        return other;
    }
}
