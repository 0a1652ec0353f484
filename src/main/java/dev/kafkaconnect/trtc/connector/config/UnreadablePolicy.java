package dev.kafkaconnect.trtc.connector.config;

/**
 * The {@code trtc.unreadable.policy} setting: what happens to a window whose answer cannot be read (not the
 * documented shape) after {@code trtc.unreadable.max.attempts} attempts.
 */
public enum UnreadablePolicy {
    /** Fail the task with an error naming the call, the window, the page and the answer's RequestId. */
    FAIL,
    /** Skip the window with a WARN and count it (windows and seconds of data skipped); the call goes on. */
    SKIP_WINDOW
}
