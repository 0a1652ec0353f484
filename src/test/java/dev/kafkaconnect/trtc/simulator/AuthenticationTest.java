package dev.kafkaconnect.trtc.simulator;

import static dev.kafkaconnect.trtc.simulator.TestSims.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.api.ApiGeneration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** TC3-HMAC-SHA256 verification: each way a signature can be wrong gets the service's code. */
class AuthenticationTest {
    static final MutableClock CLOCK = new MutableClock(NOW);
    static TrtcSimulator sim;
    static String commId;

    @BeforeAll
    static void start() {
        sim = TestSims.builder(CLOCK)
                .addTemporaryCredentials("AKIDtemporary", "temporary-key", "session-token")
                .call(CallSpec.builder("1").user("a", NOW - 600, NOW - 60).build())
                .build().start();
        commId = sim.calls().get(0).commId();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static SignedRequest request() {
        return TestSims.request(sim, "DescribeCallDetailInfo")
                .body(TestSims.detail(ApiGeneration.SUCCESSOR, commId, NOW - 600, NOW - 60));
    }

    @Test
    void correctlySignedRequestIsServed() {
        assertThat(request().send().errorCode()).isNull();
    }

    @Test
    void signingMoreHeadersThanContentTypeAndHostIsAccepted() {
        assertThat(request().signAction().send().errorCode()).isNull();
    }

    @Test
    void wrongSecretKeyIsSignatureFailure() {
        assertThat(request().credentials(TestSims.SECRET_ID, "wrong").send().errorCode())
                .isEqualTo("AuthFailure.SignatureFailure");
    }

    @Test
    void bodyChangedAfterSigningIsSignatureFailure() {
        assertThat(request().signedBody("{}").send().errorCode()).isEqualTo("AuthFailure.SignatureFailure");
    }

    @Test
    void signedHeaderValueChangedInTransitIsSignatureFailure() {
        assertThat(request().sendContentType("application/json").send().errorCode())
                .isEqualTo("AuthFailure.SignatureFailure");
    }

    @Test
    void unknownSecretIdIsSecretIdNotFound() {
        assertThat(request().credentials("AKIDnobody", TestSims.SECRET_KEY).send().errorCode())
                .isEqualTo("AuthFailure.SecretIdNotFound");
    }

    @Test
    void timestampMoreThanFiveMinutesOffIsSignatureExpire() {
        assertThat(request().timestamp(NOW - 301).send().errorCode()).isEqualTo("AuthFailure.SignatureExpire");
        assertThat(request().timestamp(NOW + 301).send().errorCode()).isEqualTo("AuthFailure.SignatureExpire");
        assertThat(request().timestamp(NOW - 300).send().errorCode()).isNull();
    }

    @Test
    void skewIsJudgedByTheSimulatorClock() {
        long before = CLOCK.nowSeconds();
        try {
            CLOCK.advanceSeconds(3600);
            assertThat(request().timestamp(before).send().errorCode()).isEqualTo("AuthFailure.SignatureExpire");
        } finally {
            CLOCK.set(before);
        }
    }

    @Test
    void scopeDateOtherThanTheTimestampsUtcDateIsSignatureFailure() {
        assertThat(request().scopeTimestamp(NOW - 86_400).send().errorCode())
                .isEqualTo("AuthFailure.SignatureFailure");
    }

    @Test
    void serviceOtherThanTrtcIsSignatureFailure() {
        assertThat(request().service("cvm").send().errorCode()).isEqualTo("AuthFailure.SignatureFailure");
    }

    @Test
    void malformedOrMissingAuthorizationIsInvalidAuthorization() {
        assertThat(request().withoutAuthorization().send().errorCode())
                .isEqualTo("AuthFailure.InvalidAuthorization");
        assertThat(request().editAuthorization(a -> "Bearer xyz").send().errorCode())
                .isEqualTo("AuthFailure.InvalidAuthorization");
        assertThat(request().editAuthorization(a -> a.replace("TC3-HMAC-SHA256", "TC3-HMAC-SHA1")).send()
                .errorCode()).isEqualTo("AuthFailure.InvalidAuthorization");
        assertThat(request().editAuthorization(a -> a.replace("/tc3_request", "/tc2_request")).send().errorCode())
                .isEqualTo("AuthFailure.InvalidAuthorization");
    }

    @Test
    void signedHeadersMustIncludeContentTypeAndHost() {
        assertThat(request().editAuthorization(a -> a.replace("SignedHeaders=content-type;host",
                "SignedHeaders=host")).send().errorCode()).isEqualTo("AuthFailure.InvalidAuthorization");
    }

    @Test
    void signedHeaderTheRequestLacksIsInvalidAuthorization() {
        assertThat(request().editAuthorization(a -> a.replace("SignedHeaders=content-type;host",
                "SignedHeaders=content-type;host;x-custom")).send().errorCode())
                .isEqualTo("AuthFailure.InvalidAuthorization");
    }

    @Test
    void temporaryCredentialsNeedTheirToken() {
        SignedRequest base = request().credentials("AKIDtemporary", "temporary-key");
        assertThat(base.send().errorCode()).isEqualTo("AuthFailure.TokenFailure");
        assertThat(request().credentials("AKIDtemporary", "temporary-key").token("stale").send().errorCode())
                .isEqualTo("AuthFailure.TokenFailure");
        assertThat(request().credentials("AKIDtemporary", "temporary-key").token("session-token").send()
                .errorCode()).isNull();
    }

    @Test
    void errorsComeWithHttp200AndNeverEchoTheKey() {
        SignedRequest.Answer a = request().credentials(TestSims.SECRET_ID, "wrong").send();
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.response().path("RequestId").asText()).isNotBlank();
        assertThat(a.body()).doesNotContain(TestSims.SECRET_KEY).doesNotContain("wrong");
    }

    @Test
    void missingTimestampIsMissingParameter() {
        assertThat(request().omitHeader("X-TC-Timestamp").send().errorCode()).isEqualTo("MissingParameter");
    }
}
