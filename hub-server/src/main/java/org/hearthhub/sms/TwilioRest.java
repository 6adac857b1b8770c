package org.hearthhub.sms;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.hearthhub.config.HubConfig;

import java.net.URI;

/**
 * The Twilio REST client as texts and calls use it: the official SDK over a pooled HttpClient with the
 * configured timeouts, routed to {@code twilio.apiBase} when set (a local fake in tests), and with every
 * built-in retry switched off, because retries are the caller's business (only a request Twilio certainly
 * did not take may be sent again; see {@link SmsFailure}).
 */
public final class TwilioRest implements AutoCloseable {
    private static final int MAX_CONNECTIONS = 8;

    private final TwilioRestClient client;
    private final SingleAttemptHttpClient http;

    public TwilioRest(HubConfig.Twilio config) {
        // An API key pair, when given, is preferred for the REST API: it can be revoked on its own.
        boolean apiKey = config.apiKeySid() != null && config.apiKeySecret() != null;
        String user = apiKey ? config.apiKeySid() : config.accountSid();
        String secret = apiKey ? config.apiKeySecret() : config.authToken();
        this.http = new SingleAttemptHttpClient(httpClient(config));
        this.client = new TwilioRestClient.Builder(user, secret)
                .accountSid(config.accountSid())
                .httpClient(http)
                .build();
    }

    public TwilioRestClient client() {
        return client;
    }

    /** Releases pooled connections. Blocking. */
    @Override
    public void close() {
        http.close();
    }

    private static HttpClientBuilder httpClient(HubConfig.Twilio config) {
        Timeout timeout = Timeout.ofSeconds(config.timeoutSeconds());
        HttpClientBuilder builder = HttpClientBuilder.create()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(MAX_CONNECTIONS)
                        .setMaxConnPerRoute(MAX_CONNECTIONS)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(timeout)
                                .setSocketTimeout(timeout)
                                // A pooled connection the far end closed would fail a POST ambiguously.
                                .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                                .build())
                        .build())
                // A transport-level resend could deliver a text twice; the outbox decides on retries.
                .disableAutomaticRetries();
        if (config.apiBase() == null) return builder.useSystemProperties();
        // The SDK always builds https://api.twilio.com/... URLs and has no base-URL option, so every
        // request is routed to the configured host and port instead (a local fake in tests).
        URI base = URI.create(config.apiBase());
        boolean tls = "https".equalsIgnoreCase(base.getScheme());
        int port = base.getPort() > 0 ? base.getPort() : (tls ? 443 : 80);
        HttpHost target = new HttpHost(tls ? "https" : "http", base.getHost(), port);
        return builder.setRoutePlanner((host, context) -> new HttpRoute(target, null, tls));
    }

    /** The SDK's client with its built-in retry loop reduced to a single attempt. */
    private static final class SingleAttemptHttpClient extends NetworkHttpClient {
        SingleAttemptHttpClient(HttpClientBuilder builder) {
            super(builder);
        }

        void close() {
            client.close(CloseMode.GRACEFUL);
        }

        @Override
        public Response reliableRequest(Request request) {
            return classifiedByStatus(makeRequest(request));
        }

        @Override
        public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
            return classifiedByStatus(makeRequest(request));
        }

        /**
         * A 5xx or 429 means Twilio did not take the request, whatever its body says: a load balancer's
         * 502 page or an empty 503 has no JSON for the SDK to read, and would otherwise look like
         * "may or may not have been sent". Decided here, from the status line, before the SDK parses.
         */
        private static Response classifiedByStatus(Response response) {
            if (response != null && (response.getStatusCode() >= 500 || response.getStatusCode() == 429)) {
                throw new SmsFailure(SmsFailure.Kind.RETRYABLE, response.getStatusCode(), null);
            }
            return response;
        }
    }
}
