package dev.kafkaconnect.trtc.connector.config;

/** The {@code trtc.calls.mode} setting: where the connector's calls come from. */
public enum CallsMode {
    /** The calls listed in {@code trtc.comm.ids}. */
    LIST,
    /** Every call of the application, found through the room-list API. */
    DISCOVER
}
