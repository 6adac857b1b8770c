package org.hearthhub.widget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/widget.md (budgets): loader under 1,024 characters, chat app under 20 KB gzipped. The build fails when over. */
class WidgetSizeBudgetTest {

    /**
     * Chromium keeps a compiled-code cache entry, named by the script's URL, for any script loaded from a
     * URL with 1,024 characters or more (V8CodeCache, kMinimalCodeLength), whatever Cache-Control says:
     * under it, nothing on a survivor's device names /widget.js (docs/privacy.md, "What the browser keeps").
     */
    static final int LOADER_CHARACTERS = 1024;
    static final int APP_BUDGET = 20 * 1024;

    @Test
    void loaderStaysUnderChromiumsCodeCacheLine() {
        String loader = WidgetAssets.read(WidgetAssets.LOADER);
        int bytes = WidgetAssets.size(WidgetAssets.LOADER);
        assertEquals(loader.length(), bytes, "the loader is plain ASCII, so characters and bytes agree");
        assertTrue(bytes < LOADER_CHARACTERS, () -> "widget.js is " + bytes + " characters; under " + LOADER_CHARACTERS
                + " Chromium keeps no code-cache entry naming it (over by " + (bytes - LOADER_CHARACTERS + 1)
                + "). Move what you added into the chat's frame (w/app.js) instead.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "es"})
    void chatAppStaysUnderTwentyKilobytesGzipped(String lang) {
        // Files are served one by one, each compressed on its own: the sum is what travels.
        int size = WidgetAssets.chatApp(lang).stream().mapToInt(WidgetAssets::gzippedSize).sum();
        String detail = WidgetAssets.chatApp(lang).stream()
                .map((Path p) -> WidgetAssets.name(p) + "=" + WidgetAssets.gzippedSize(p))
                .collect(Collectors.joining(", "));
        assertTrue(size < APP_BUDGET, () -> "chat app (" + lang + ") is " + size + " bytes gzipped; the budget is under "
                + APP_BUDGET + " (over by " + (size - APP_BUDGET + 1) + "): " + detail);
    }
}
