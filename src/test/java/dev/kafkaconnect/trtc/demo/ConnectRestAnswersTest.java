package dev.kafkaconnect.trtc.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Connect's REST answers (as Kafka 4.3 words them) read into the views tests and the demo use. */
class ConnectRestAnswersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void statusShowsEachTaskAndTheFirstFailureWithItsTrace() throws Exception {
        ConnectorStatus status = ConnectorStatus.from(JSON.readTree("""
                {"name":"trtc","connector":{"state":"RUNNING","worker_id":"127.0.0.1:8083"},
                 "tasks":[{"id":0,"state":"RUNNING","worker_id":"127.0.0.1:8083"},
                          {"id":1,"state":"FAILED","worker_id":"127.0.0.1:8083",
                           "trace":"ConnectException: TRTC rejected the credentials"}],
                 "type":"source"}"""));

        assertThat(status.name()).isEqualTo("trtc");
        assertThat(status.state()).isEqualTo("RUNNING");
        assertThat(status.trace()).isNull();
        assertThat(status.isRunning()).isFalse();
        assertThat(status.firstFailedTask()).get().satisfies(t -> {
            assertThat(t.id()).isEqualTo(1);
            assertThat(t.trace()).contains("rejected the credentials");
        });
    }

    @Test
    void runningMeansConnectorAndAtLeastOneTaskRunning() throws Exception {
        assertThat(ConnectorStatus.from(JSON.readTree("""
                {"name":"x","connector":{"state":"RUNNING"},"tasks":[{"id":0,"state":"RUNNING"}]}""")).isRunning())
                .isTrue();
        assertThat(ConnectorStatus.from(JSON.readTree("""
                {"name":"x","connector":{"state":"RUNNING"},"tasks":[]}""")).isRunning()).isFalse();
    }

    @Test
    void validationCollectsErrorsByKey() throws Exception {
        ValidationResult result = ValidationResult.from(JSON.readTree("""
                {"name":"TrtcSourceConnector","error_count":2,"groups":["Connection"],
                 "configs":[
                   {"definition":{"name":"trtc.endpoint"},"value":{"name":"trtc.endpoint","value":"ftp://x",
                     "errors":["Invalid value ftp://x for configuration trtc.endpoint: scheme must be https"]}},
                   {"definition":{"name":"trtc.region"},"value":{"name":"trtc.region","value":"ap-guangzhou",
                     "errors":[]}},
                   {"definition":{"name":"trtc.secret.key"},"value":{"name":"trtc.secret.key","value":"[hidden]",
                     "errors":["Missing required configuration"]}}]}"""));

        assertThat(result.errorCount()).isEqualTo(2);
        assertThat(result.errorsByKey()).containsOnlyKeys("trtc.endpoint", "trtc.secret.key");
        assertThat(result.errorsFor("trtc.endpoint")).singleElement().asString().contains("scheme must be https");
        assertThat(result.errorsFor("trtc.region")).isEmpty();
    }
}
