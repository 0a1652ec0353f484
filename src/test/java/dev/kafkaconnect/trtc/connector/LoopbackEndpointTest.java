package dev.kafkaconnect.trtc.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kafkaconnect.trtc.api.TrtcClientConfig;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.MockTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Plain http is allowed only to a loopback host, and connector validation and the API client judge a host the
 * same way: an endpoint validation accepts starts a task, one it refuses would fail the task.
 */
class LoopbackEndpointTest {
    final MockTime clock = new MockTime(0, TrtcSourceConnectorTest.NOW * 1000, 0);

    @ParameterizedTest(name = "{0}: loopback {1}")
    @CsvSource({
        "http://127.0.0.1,                  true,",
        "http://127.0.0.2:8080,             true,",
        "http://127.255.255.254:1,          true,",
        "http://localhost:1,                true,",
        "http://LocalHost:1,                true,",
        "http://[::1]:1,                    true,",
        "http://[0:0:0:0:0:0:0:1]:1,        true,",
        "http://[0::1]:1,                   true,",
        "http://127.evil.example,           false, plain http is allowed only",
        "http://127.0.0.1.example.com,      false, plain http is allowed only",
        "http://127.0.0.256,                false,",
        "http://127.0.0.1.5,                false,",
        "http://128.0.0.1,                  false, plain http is allowed only",
        "http://10.0.0.1:8080,              false, plain http is allowed only",
        "http://localhost.example.com,      false, plain http is allowed only",
        "http://[::2]:1,                    false, plain http is allowed only",
        "http://[::ffff:127.0.0.1]:1,       false, plain http is allowed only",
        "http://trtc.tencentcloudapi.com,   false, plain http is allowed only",
        "http://127.1:8080,                 false,",
    })
    void validationAndTheClientAgreeOnWhatIsLoopback(String endpoint, boolean loopback, String message) {
        Map<String, String> props = TrtcSourceConnectorTest.valid();
        props.put(TrtcSourceConfig.ENDPOINT, endpoint);
        Map<String, List<String>> errors = ValidationErrors.of(props, clock);
        TrtcClientConfig.Builder client = TrtcClientConfig.builder().region("ap-guangzhou")
                .credentials("AKIDexample", "secret-key-value").endpoint(endpoint);
        if (loopback) {
            assertThat(errors).as("validation").isEmpty();
            assertThatCode(client::build).as("the client").doesNotThrowAnyException();
        } else {
            String expected = message == null ? TrtcSourceConfig.ENDPOINT : message;
            assertThat(errors).as("validation").containsOnlyKeys(TrtcSourceConfig.ENDPOINT);
            assertThat(errors.get(TrtcSourceConfig.ENDPOINT)).anySatisfy(m -> assertThat(m).contains(expected));
            assertThatThrownBy(client::build).as("the client").isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(TrtcSourceConfig.ENDPOINT).hasMessageContaining(expected);
        }
    }
}
