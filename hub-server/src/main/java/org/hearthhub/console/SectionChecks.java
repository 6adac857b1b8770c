package org.hearthhub.console;

import org.hearthhub.i18n.Languages;
import org.hearthhub.model.SafeUrl;
import org.hearthhub.model.ShownName;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the problems of one section as {@link SettingsSection#validate()} walks it. Problems not about
 * one input carry the section's message ({@code textKey}, e.g. "Those referrals cannot be saved.").
 */
final class SectionChecks {
    private final String textKey;
    private final List<SectionProblem> found = new ArrayList<>();

    SectionChecks(String textKey) {
        this.textKey = textKey;
    }

    /** The languages texts may be given in. */
    static List<String> languages() {
        return Languages.codes();
    }

    /** Stripped, or null when blank: how optional texts are kept. */
    static String clean(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    void at(String field, String key, Object... args) {
        found.add(SectionProblem.at(field, key, args));
    }

    void inSection(String detail) {
        found.add(SectionProblem.inSection(textKey, detail));
    }

    boolean clear() {
        return found.isEmpty();
    }

    List<SectionProblem> problems() {
        return List.copyOf(found);
    }

    /** Checks a text as {@link #clean} keeps it: required ones must not be blank, none longer than {@code max}. */
    void text(String value, String name, int max, boolean required) {
        String text = clean(value);
        if (text == null) {
            if (required) inSection("\"" + name + "\" is required");
        } else if (text.length() > max) {
            inSection("\"" + name + "\" is longer than " + max + " characters");
        }
    }

    /**
     * A text people are shown as one line (a name, a title, a contact), checked as {@link #text}; a control or
     * text-direction character ({@link ShownName#isPlain}) is a problem at {@code field}, the input that holds it.
     */
    void shownLine(String value, String field, String name, int max, boolean required) {
        text(value, name, max, required);
        shownLine(value, field);
    }

    /** The character check of {@link #shownLine} alone, for a text whose length is checked otherwise. */
    void shownLine(String value, String field) {
        if (!ShownName.isPlain(clean(value))) at(field, "error.field.shown_line");
    }

    /** As {@link #shownLine} for a text shown over several lines: line feeds and tabs are kept ({@link ShownName#isPlainLines}). */
    void shownLines(String value, String field, String name, int max, boolean required) {
        text(value, name, max, required);
        if (!ShownName.isPlainLines(clean(value))) at(field, "error.field.shown_lines");
    }

    /**
     * A web address a link goes to ({@link SafeUrl}), when one is given: an invisible or text-direction character is
     * a problem at {@code field} with its own message, any other unsafe address (too long included) {@code error.url}.
     */
    void url(String value, String field) {
        String url = clean(value);
        if (url == null) return;
        if (SafeUrl.firstHidden(url).isPresent()) at(field, "error.field.url_hidden");
        else if (!SafeUrl.isSafe(url)) at(field, "error.url");
    }

    /** The list, or an empty one when absent; more than {@code max} entries is a problem. */
    <T> List<T> list(List<T> value, String name, int max) {
        if (value == null) return List.of();
        if (value.size() > max) inSection("\"" + name + "\" has more than " + max + " entries");
        return value;
    }

    /** Each entry of a list must be an object (JSON null is not). */
    boolean entry(Object value) {
        if (value == null) inSection("every entry must be an object");
        return value != null;
    }

    /**
     * The entries of a map keyed by language, in the order of {@link #languages()}; absent, or keyed by a
     * language Hearth does not speak, is a problem.
     */
    <T> Map<String, T> byLanguage(Map<String, T> value, String name) {
        if (value == null) {
            inSection("\"" + name + "\" must be an object keyed by language");
            return Map.of();
        }
        for (String lang : value.keySet()) {
            if (!languages().contains(lang)) inSection("language '" + lang + "' is not one of " + languages());
        }
        return inLanguageOrder(value);
    }

    /** The entries of {@code value} whose key is a language Hearth speaks, in the order of {@link #languages()}. */
    static <T> Map<String, T> inLanguageOrder(Map<String, T> value) {
        Map<String, T> out = new LinkedHashMap<>();
        if (value == null) return out;
        for (String lang : languages()) {
            if (value.containsKey(lang)) out.put(lang, value.get(lang));
        }
        return out;
    }
}
