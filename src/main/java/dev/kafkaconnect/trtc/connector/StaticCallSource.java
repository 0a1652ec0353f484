package dev.kafkaconnect.trtc.connector;

import java.util.List;

/** The calls listed in {@code trtc.comm.ids}. */
final class StaticCallSource implements CallSource {
    private final List<String> calls;

    StaticCallSource(TrtcSourceConfig config) {
        this.calls = config.commIdStrings().stream().distinct().toList();
    }

    @Override
    public List<String> calls() {
        return calls;
    }
}
