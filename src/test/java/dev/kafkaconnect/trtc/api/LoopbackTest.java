package dev.kafkaconnect.trtc.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoopbackTest {
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "localhost,               true",
        "LOCALHOST,               true",
        "127.0.0.1,               true",
        "127.0.0.2,               true",
        "127.255.255.255,         true",
        "127.000.000.001,         true",
        "::1,                     true",
        "[::1],                   true",
        "[0:0:0:0:0:0:0:1],       true",
        "0000:0::0001,            true",
        "127.evil.example,        false",
        "127.0.0.1.example.com,   false",
        "127.1,                   false",
        "127.0.0,                 false",
        "127.0.0.256,             false",
        "127.0.0.1.5,             false",
        "127..0.1,                false",
        "1270.0.0.1,              false",
        "128.0.0.1,               false",
        "0.0.0.0,                 false",
        "localhost.,              false",
        "localhost.example.com,   false",
        "::,                      false",
        "::2,                     false",
        "::1:1,                   false",
        "1::1,                    false",
        ":::1,                    false",
        "::1::,                   false",
        "0:0:0:0:0:0:0:0:1,       false",
        "::ffff:127.0.0.1,        false",
        "[::1,                    false",
        "'',                      false",
    })
    void aLoopbackHostIsLocalhostA127LiteralOrColonColonOne(String host, boolean loopback) {
        assertThat(Loopback.isLoopbackHost(host)).isEqualTo(loopback);
    }
}
