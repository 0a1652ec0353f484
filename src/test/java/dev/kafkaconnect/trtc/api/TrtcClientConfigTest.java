package dev.kafkaconnect.trtc.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TrtcClientConfigTest {
    private static final String KEY = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";
    private static final String TOKEN = "temporary-session-token-SECRET";

    private static TrtcClientConfig.Builder valid() {
        return TrtcClientConfig.builder().region("ap-guangzhou").credentials("AKIDexample", KEY);
    }

    @Test
    void defaultsAreTheProductionService() {
        TrtcClientConfig c = valid().build();

        assertThat(c.endpoint().toString()).isEqualTo("https://trtc.tencentcloudapi.com/");
        assertThat(c.hostHeader()).isEqualTo("trtc.tencentcloudapi.com");
        assertThat(c.rateLimiter().permits()).isEqualTo(20);
        assertThat(c.maxResponseBytes()).isGreaterThan(10_000_000L);
        assertThat(c.hasToken()).isFalse();
    }

    @Test
    void eachEventActionHasItsOwnLimiterAndOthersShareOne() {
        RateLimiter shared = RateLimiter.perSecond(7);
        TrtcClientConfig c = valid().rateLimiter(shared).build();

        assertThat(c.rateLimiter("DescribeCallDetailInfo")).isSameAs(shared);
        assertThat(c.rateLimiter("DescribeRoomInformation")).isSameAs(shared);
        RateLimiter userEvents = c.rateLimiter(UserEventRequest.ACTION);
        RateLimiter unusual = c.rateLimiter(UnusualEventRequest.ACTION);
        assertThat(userEvents).isNotSameAs(shared).isNotSameAs(unusual);
        assertThat(userEvents.permits()).isEqualTo(TrtcClientConfig.DEFAULT_RATE_PER_SECOND);
        assertThat(unusual.permits()).isEqualTo(TrtcClientConfig.DEFAULT_RATE_PER_SECOND);
        assertThat(valid().build().rateLimiter(UserEventRequest.ACTION))
                .as("a limiter per client, never shared by default")
                .isNotSameAs(valid().build().rateLimiter(UserEventRequest.ACTION));

        RateLimiter own = RateLimiter.perSecond(3);
        TrtcClientConfig set = valid().rateLimitPerSecond(5).rateLimitPerSecond(UserEventRequest.ACTION, 2)
                .rateLimiter(UnusualEventRequest.ACTION, own).rateLimitPerSecond("DescribeCallDetailInfo", 4).build();
        assertThat(set.rateLimiter(UserEventRequest.ACTION).permits()).isEqualTo(2);
        assertThat(set.rateLimiter(UnusualEventRequest.ACTION)).isSameAs(own);
        assertThat(set.rateLimiter("DescribeCallDetailInfo").permits()).isEqualTo(4);
        assertThat(set.rateLimiter("DescribeRoomInfo").permits()).isEqualTo(5);
        assertThat(set.toString()).contains("DescribeUserEvent=RateLimiter{2 per PT1S}");
    }

    @Test
    void perActionLimitsNameTheActionWhenRefused() {
        assertThatThrownBy(() -> valid().rateLimitPerSecond("DescribeUserEvents", 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'DescribeUserEvents' is not an action this client sends");
        assertThatThrownBy(() -> valid().rateLimitPerSecond(UserEventRequest.ACTION, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rate limit of DescribeUserEvent must be at least 1");
    }

    @ParameterizedTest(name = "{0} -> Host {1}")
    @CsvSource(textBlock = """
            http://127.0.0.1:18080,            127.0.0.1:18080
            http://localhost:80,               localhost
            http://[::1]:9000/,                [::1]:9000
            https://trtc.tencentcloudapi.com:443, trtc.tencentcloudapi.com
            https://TRTC.ap-singapore.tencentcloudapi.com:8443, trtc.ap-singapore.tencentcloudapi.com:8443
            """)
    void hostHeaderIsWhatGoesOnTheWire(String endpoint, String host) {
        assertThat(valid().endpoint(endpoint).build().hostHeader()).isEqualTo(host);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            http://trtc.tencentcloudapi.com        | plain http is allowed only
            http://10.0.0.1:8080                   | plain http is allowed only
            http://127.0.0.1.example.com           | plain http is allowed only
            ftp://127.0.0.1                        | must start with https://
            https://trtc.tencentcloudapi.com/v3    | scheme, host and optional port only
            https://user@trtc.tencentcloudapi.com  | scheme, host and optional port only
            https://trtc.tencentcloudapi.com/?a=b  | scheme, host and optional port only
            not a url at all                       | trtc.endpoint
            """)
    void badEndpointsNameTheSetting(String endpoint, String problem) {
        assertThatThrownBy(() -> valid().endpoint(endpoint).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trtc.endpoint")
                .hasMessageContaining(problem);
    }

    @Test
    void missingOrBadSettingsAreNamed() {
        assertThatThrownBy(() -> valid().region(null).build()).hasMessageContaining("trtc.region");
        assertThatThrownBy(() -> valid().region("Guangzhou").build()).hasMessageContaining("trtc.region");
        assertThatThrownBy(() -> valid().credentials(" ", KEY).build()).hasMessageContaining("trtc.secret.id");
        assertThatThrownBy(() -> valid().credentials("AKID", null).build()).hasMessageContaining("trtc.secret.key");
        assertThatThrownBy(() -> valid().language("fr-FR").build()).hasMessageContaining("language");
        assertThatThrownBy(() -> valid().maxInFlight(0).build()).hasMessageContaining("in flight");
        assertThatThrownBy(() -> valid().readTimeout(Duration.ZERO).build()).hasMessageContaining("read timeout");
    }

    @Test
    void unprintableSecretsAreRejectedWithoutEchoingThem() {
        assertThatThrownBy(() -> valid().credentials("AKID", "secret\nwith-break-" + KEY).build())
                .hasMessageContaining("trtc.secret.key")
                .hasMessageNotContaining(KEY);
        assertThatThrownBy(() -> valid().token("tok\u00e9n-" + TOKEN).build())
                .hasMessageContaining("trtc.token")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void toStringHidesTheKeyAndToken() {
        TrtcClientConfig c = valid().token(TOKEN).build();

        assertThat(c.hasToken()).isTrue();
        assertThat(c.toString()).contains("AKIDexample").doesNotContain(KEY).doesNotContain(TOKEN)
                .contains("secretKey=[hidden]").contains("token=[hidden]");
    }
}
