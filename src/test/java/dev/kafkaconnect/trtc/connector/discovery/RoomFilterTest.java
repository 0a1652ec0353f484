package dev.kafkaconnect.trtc.connector.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.api.RoomInfo;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RoomFilterTest {
    static RoomInfo room(String id, long created, long destroyed) {
        return new RoomInfo("1400188366_1_" + created, id, created, destroyed, destroyed > 0, "u");
    }

    @Test
    void includeAndExcludeMatchTheWholeRoomId() {
        RoomFilter f = new RoomFilter(Pattern.compile("class-.*"), Pattern.compile(".*-test"), 0);
        assertThat(f.admits(room("class-7", 100, 200), 1000)).isTrue();
        assertThat(f.admits(room("my-class-7", 100, 200), 1000)).as("whole id, not a substring").isFalse();
        assertThat(f.admits(room("class-7-test", 100, 200), 1000)).as("excluded").isFalse();
        assertThat(new RoomFilter(null, null, 0).admits(room("", 100, 0), 1000)).isTrue();
    }

    @Test
    void minimumDurationJudgesFinishedCallsByTheirTimesAndLiveCallsOnceTheyLastedIt() {
        RoomFilter f = new RoomFilter(null, null, 300);
        assertThat(f.admits(room("a", 1000, 1299), 5000)).isFalse();
        assertThat(f.admits(room("a", 1000, 1300), 5000)).isTrue();
        assertThat(f.admits(room("live", 1000, 0), 1200)).as("live, 200 s so far").isFalse();
        assertThat(f.admits(room("live", 1000, 0), 1300)).as("live, 300 s so far").isTrue();
    }
}
