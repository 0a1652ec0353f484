package dev.kafkaconnect.trtc.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventNamesTest {
    private final EventNames names = EventNames.builtIn();

    @Test
    void aUserEventIsNamedForItsParameterValue() {
        assertThat(names.userEvent(1003, 0, -1)).isEqualTo("The user has disconnected from the network");
        assertThat(names.userEvent(1003, 1, -1)).isEqualTo("The user is using Wi-Fi network");
        assertThat(names.userEvent(1003, 2, -1)).isEqualTo("The user is using 4G network");
        assertThat(names.userEvent(1003, 5, -1)).isEqualTo("The user is using wired network");
        assertThat(names.userEvent(2001, 1, -1)).isEqualTo("The application has been switched to run in the background");
        assertThat(names.userEvent(3001, 1, -1)).isEqualTo("Muted");
        assertThat(names.userEvent(3001, 3, -1)).isEqualTo("Unmuted");
        assertThat(names.userEvent(4002, 1, -1)).isEqualTo("Failed to enable rear camera");
        assertThat(names.userEvent(4006, 1, -1)).isEqualTo("The user disabled video upstreaming");
        assertThat(names.userEvent(7001, 2, -1)).isEqualTo("Kicked out");
        assertThat(names.userEvent(1003, 2, 17)).as("an unused ParamTwo does not matter")
                .isEqualTo("The user is using 4G network");
    }

    @Test
    void anIdWhoseParametersAreMeasurementsIsNamedWhateverTheirValue() {
        assertThat(names.userEvent(4003, 1280, 720)).isEqualTo("Video resolution has been switched");
        assertThat(names.userEvent(4008, 15, -1)).isEqualTo("The user switched video frame rate");
        assertThat(names.userEvent(5001, -1, -1)).isEqualTo("Started entering room");
        assertThat(names.userEvent(32788, -1, -1)).as("WebRTC part").isEqualTo("Entered room");
        assertThat(names.userEvent(36864, 3, 3)).isEqualTo(
                "Signaling channel has disconnected, which is reported by the backend");
    }

    @Test
    void theSecondParameterTellsApartWhereTheTableSaysSo() {
        assertThat(names.userEvent(4013, 12, 0)).isEqualTo("(Software) decoding failed");
        assertThat(names.userEvent(4013, 12, 1)).isEqualTo("(Hardware) decoding failed");
        assertThat(names.userEvent(6001, 101, 2)).isEqualTo("(Qos: cloud control mode - smoothness preferred) audio call");
        assertThat(names.userEvent(6001, 2, 3)).isEqualTo("(Qos: local mode - definition preferred) voice chat room");
    }

    @Test
    void unknownIdsAndValuesHaveNoName() {
        assertThat(names.userEvent(9999, 0, -1)).isNull();
        assertThat(names.userEvent(1003, 6, -1)).as("a network type the table does not list").isNull();
        assertThat(names.userEvent(4013, 12, 2)).isNull();
        assertThat(names.userEvent(6001, 3, 0)).isNull();
        assertThat(names.experience(0)).isNull();
        assertThat(names.experience(6)).isNull();
        assertThat(names.abnormalEvent(1033)).isNull();
        assertThat(names.abnormalEvent(3001)).isNull();
    }

    @Test
    void experiencesAndTheirCausesAreNamed() {
        assertThat(names.experience(1)).isEqualTo("Room entry was slow");
        assertThat(names.experience(4)).isEqualTo("Video lagged");
        assertThat(names.experience(5)).isEqualTo("Audio lagged");
        assertThat(names.abnormalEvent(1005)).isEqualTo("Failed to enter room");
        assertThat(names.abnormalEvent(1007)).as("a name with a comma")
                .isEqualTo("The user IP changed, and the IP in the signaling stage was different from that in the data stage");
        assertThat(names.abnormalEvent(2001)).isEqualTo("The system CPU utilization was too high");
        assertThat(names.abnormalEvent(2026)).isEqualTo("The downstream substream image lagged");
    }

    @Test
    void theShippedTablesAreWhole() {
        assertThat(names.userEventEntries()).isEqualTo(110);
        assertThat(names.experienceEntries()).isEqualTo(5);
        assertThat(names.abnormalEventEntries()).isEqualTo(32 + 26);
        for (int id = 1001; id <= 1032; id++) {
            assertThat(names.abnormalEvent(id)).as("abnormal event %s", id).isNotBlank();
        }
        for (int id = 2001; id <= 2026; id++) {
            assertThat(names.abnormalEvent(id)).as("abnormal event %s", id).isNotBlank();
        }
        for (int id = 32768; id <= 32793; id++) {
            assertThat(names.userEvent(id, -1, -1)).as("WebRTC event %s", id).isNotBlank();
        }
    }

    @Test
    void aBrokenTableFailsNamingItsLine() {
        assertThatThrownBy(() -> EventNames.parseUserEvents("t.csv", List.of("# c", "1003,1,*,Wi-Fi", "1003,1,*,x")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("t.csv, line 3")
                .hasMessageContaining("a second name");
        assertThatThrownBy(() -> EventNames.parseUserEvents("t.csv", List.of("1003,one,*,Wi-Fi")))
                .hasMessageContaining("line 1").hasMessageContaining("not a number: 'one'");
        assertThatThrownBy(() -> EventNames.parseIds("e.csv", List.of("", "4")))
                .hasMessageContaining("e.csv, line 2").hasMessageContaining("2 comma-separated cells");
        assertThatThrownBy(() -> EventNames.parseIds("e.csv", List.of("4, ")))
                .hasMessageContaining("the last a name");
        assertThat(EventNames.parseIds("e.csv", List.of(" 4 , Video lagged, badly "))).containsEntry(4,
                "Video lagged, badly");
    }
}
