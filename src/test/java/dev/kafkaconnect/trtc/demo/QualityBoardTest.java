package dev.kafkaconnect.trtc.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class QualityBoardTest {

    @Test
    void showsTheLatestSampleOfEachMetricPerUserAndDirection() {
        QualityBoard board = new QualityBoard();
        board.record("call-1", "alice", null, "aBit", 2_000, 48_000);
        board.record("call-1", "alice", null, "aBit", 1_000, 10_000);
        board.record("call-1", "alice", "bob", "aBit", 2_000, 30_000);
        board.record("call-1", "alice", null, "bigvWidth", 2_000, 1280);
        board.record("call-1", "alice", null, "bigvHeight", 2_000, 720);

        List<String> lines = board.lines(List.of(), 10);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).startsWith(" ").contains("alice").contains("48k").contains("30k")
                .contains("1280x720");
        assertThat(board.participants()).isEqualTo(1);
        assertThat(board.calls()).isEqualTo(1);
    }

    @Test
    void marksUsersWithHighLossLowFrameRateOrAudioBlocks() {
        QualityBoard board = new QualityBoard();
        board.record("c", "fine", null, "aLoss", 1_000, 10);
        board.record("c", "lossy", null, "aLoss", 1_000, 10.5);
        board.record("c", "slow", null, "bigvCapFps", 1_000, 8);
        board.record("c", "slow", null, "bigvBit", 1_000, 300_000);
        board.record("c", "blocked", null, "aBlock", 1_000, 40);
        board.record("c", "noVideo", null, "bigvCapFps", 1_000, 0);
        board.record("c", "noVideo", null, "bigvBit", 1_000, 0);

        assertThat(board.lines(List.of(), 10)).filteredOn(l -> l.startsWith("!"))
                .extracting(l -> l.substring(2).split("\\s+")[1])
                .containsExactlyInAnyOrder("lossy", "slow", "blocked");
    }

    @Test
    void showsOnlyTheGivenCallsAndCapsTheLines() {
        QualityBoard board = new QualityBoard();
        for (int i = 0; i < 5; i++) {
            board.record("live", "u" + i, null, "aBit", 1_000, 1);
        }
        board.record("old", "x", null, "aBit", 1_000, 1);
        assertThat(board.lines(List.of("live"), 100)).hasSize(6).noneMatch(l -> l.contains("old"));
        assertThat(board.lines(List.of(), 3)).last().isEqualTo("  ... (more users)");
    }
}
