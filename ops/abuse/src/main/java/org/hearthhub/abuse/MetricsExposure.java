package org.hearthhub.abuse;

import io.vertx.core.http.HttpMethod;

import java.util.Map;

/**
 * {@code GET /metrics} from the attacker, without a token and with a wrong one; the operator's own
 * token for comparison. The hub is given a token, as an operator who scrapes it would.
 */
final class MetricsExposure extends Attack {
    private static final String TOKEN = "abuse-harness-metrics-token-0123456789";

    MetricsExposure() {
        super("metrics");
    }

    @Override
    String what(Scale scale) {
        return "GET /metrics without a token and with a wrong one";
    }

    @Override
    Map<String, String> env() {
        return Map.of("HEARTH_METRICS_TOKEN", TOKEN);
    }

    @Override
    void run(Run run) throws Exception {
        run.results().add("attacker, no token", scrape(run, run.attacker(), Map.of()));
        run.results().add("attacker, wrong token", scrape(run, run.attacker(), Map.of("Authorization", "Bearer wrong-" + TOKEN)));
        run.results().add("operator, right token", scrape(run, run.genuine(), Map.of("Authorization", "Bearer " + TOKEN)));
    }

    private static String scrape(Run run, Side side, Map<String, String> headers) throws Exception {
        Side.Answer a = run.await(side.request(HttpMethod.GET, run.hub().url() + "/metrics", headers, null));
        boolean metrics = a.body().contains("# TYPE");
        return a.status() + (metrics ? ", " + Results.kb(a.body().length()) + " of metrics (" + a.body().lines()
                .filter(l -> l.startsWith("# TYPE")).count() + " metric families)" : "");
    }
}
