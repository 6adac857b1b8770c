package org.hearthhub.config;

/**
 * One documented option: its YAML path (dotted), the environment variable that overrides it, its
 * type and default. The table of these in {@link ConfigOptions} is the single source for loading,
 * validation and the docs.
 */
record ConfigOption(String path, Type type, String defaultValue, Integer min, Integer max, boolean secret) {

    enum Type { STRING, INT, BOOL, URL, REDIS_URL, PATH }

    /** server.port → HEARTH_PORT is special-cased by {@link ConfigOptions}; others map dots and camelCase to snake. */
    String envName() {
        String p = path.startsWith("server.") ? path.substring("server.".length()) : path;
        StringBuilder out = new StringBuilder("HEARTH_");
        for (char c : p.toCharArray()) {
            if (c == '.') out.append('_');
            else if (Character.isUpperCase(c)) out.append('_').append(c);
            else out.append(Character.toUpperCase(c));
        }
        return out.toString();
    }
}
