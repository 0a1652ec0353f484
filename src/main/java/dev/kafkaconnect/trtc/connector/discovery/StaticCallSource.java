package dev.kafkaconnect.trtc.connector.discovery;

import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import java.util.List;

/** The calls listed in {@code trtc.comm.ids}. */
public final class StaticCallSource implements CallSource {
    private final List<String> calls;

    public StaticCallSource(TrtcSourceConfig config) {
        this.calls = config.commIdStrings().stream().distinct().toList();
    }

    @Override
    public List<String> calls() {
        return calls;
    }
}
