package org.hearthhub.console;

import org.hearthhub.model.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every control in the console's bars can be read: text against what is really behind it, computed by
 * the browser. axe marks text over a transparent button on a coloured bar "incomplete" rather than a
 * violation, which is how a sign-out button the colour of its own bar (1:1) went unnoticed; on a shared
 * office machine an invisible sign-out is a safety problem.
 */
class ConsoleContrastBrowserTest extends ConsoleBrowserTestBase {
    /** WCAG AA for normal text. */
    private static final double MINIMUM = 4.5;

    /**
     * For each visible button, link and select in the top bar and the settings bar: its text colour and
     * the first non-transparent background behind it, as "selector|contrast". Computed in the page.
     */
    private static final String CONTRASTS = """
            function rgb(s) { var m = s.match(/[\\d.]+/g).map(Number); return {r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1}; }
            function lum(c) {
              var f = function (v) { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
              return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
            }
            function behind(el) {
              for (var e = el; e; e = e.parentElement) {
                var c = rgb(getComputedStyle(e).backgroundColor);
                if (c.a > 0.5) return c;
              }
              return {r: 255, g: 255, b: 255, a: 1};
            }
            var out = [];
            document.querySelectorAll('.topbar button, .topbar a, .topbar select, nav a').forEach(function (el) {
              if (!el.offsetParent || !el.textContent.trim()) return;
              var fg = lum(rgb(getComputedStyle(el).color)), bg = lum(behind(el));
              var ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
              out.push((el.id ? '#' + el.id : el.tagName.toLowerCase() + ' ' + el.textContent.trim()) + '|' + ratio.toFixed(2));
            });
            return out.join('\\n');
            """;

    @BeforeEach
    void startHub() throws Exception {
        startHubSignedOut(Map.of());
        hub.addAccount("lena", Role.LEAD, List.of("en", "es"), 2);
        // A coalition admin too, so that the coalition pages are drawn for her rather than refused.
        var lena = org.hearthhub.testing.TestHub.await(hub.hub.accounts().account("lena")).orElseThrow();
        org.hearthhub.testing.TestHub.await(hub.hub.accounts().saveAccount(lena.withCoalitionAdmin(true)));
    }

    @Test
    void signOutAndEveryBarControlMeetAaContrastOnEveryConsolePage() {
        submitLogin("lena");
        browser.waitFor("#logout");
        List<String> failures = new ArrayList<>();
        List<String> pages = new ArrayList<>();
        for (ConsoleRoutes.ConsoleRoute route : ConsoleRoutes.ROUTES) if (route.page()) pages.add(route.path());
        assertTrue(pages.size() >= 12, "every console page from the route table: " + pages);
        for (String page : pages) {
            browser.open(base + page);
            browser.waitFor("#logout");
            boolean sawSignOut = false;
            for (String line : ((String) browser.js(CONTRASTS)).split("\n")) {
                if (line.isBlank()) continue;
                String[] parts = line.split("\\|");
                double ratio = Double.parseDouble(parts[1]);
                if (parts[0].equals("#logout")) sawSignOut = true;
                if (ratio < MINIMUM) failures.add(page + " " + parts[0] + " " + ratio + ":1");
            }
            if (!sawSignOut) failures.add(page + ": no visible sign-out to measure");
        }
        assertTrue(failures.isEmpty(), "below " + MINIMUM + ":1: " + failures);
    }
}
