package dev.kafkaconnect.trtc.connector.service;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the service serves an event stream's action to this account. An account whose monitoring tier does not
 * include the action (an authorization or {@code UnsupportedOperation} refusal) is told once, naming the setting
 * that turns the stream off, and the stream stops for the task's life; the other streams go on. One instance per
 * stream serves all the calls of a task.
 */
public final class StreamAvailability {
    private static final Logger log = LoggerFactory.getLogger(StreamAvailability.class);

    private final String stream;
    private final String setting;
    private final Runnable onRefused;
    private final AtomicBoolean refused = new AtomicBoolean();

    /**
     * @param stream    the stream's name as the setting lists it
     * @param setting   the setting that lists the streams
     * @param onRefused run once when the service refuses the stream (a metric)
     */
    public StreamAvailability(String stream, String setting, Runnable onRefused) {
        this.stream = stream;
        this.setting = setting;
        this.onRefused = onRefused;
    }

    public boolean served() {
        return !refused.get();
    }

    /** The service refused the stream's action for the account ({@code why}): the stream stops. */
    public void refused(String why) {
        if (refused.compareAndSet(false, true)) {
            log.warn("The service does not serve the {} stream to this account ({}): it is no longer read by this "
                    + "task, the other streams go on. Check the account's monitoring tier and permissions, or "
                    + "remove {} from {} to stop asking", stream, why, stream, setting);
            onRefused.run();
        }
    }
}
