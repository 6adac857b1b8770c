package org.hearthhub.widget;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/architecture.md (quality bars): loader under 2 KB gzipped, chat app under 20 KB gzipped. The build fails when over. */
class WidgetSizeBudgetTest {

    static final int LOADER_BUDGET = 2 * 1024;
    static final int APP_BUDGET = 20 * 1024;

    @Test
    void loaderStaysUnderTwoKilobytesGzipped() {
        int size = WidgetAssets.gzippedSize(WidgetAssets.LOADER);
        assertTrue(size < LOADER_BUDGET, () -> "widget.js is " + size + " bytes gzipped; the budget is under "
                + LOADER_BUDGET + " (over by " + (size - LOADER_BUDGET + 1) + "). Every host page loads it: trim it.");
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
