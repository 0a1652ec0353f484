package dev.kafkaconnect.trtc.connector.discovery;

import java.util.List;

/**
 * Where the connector's calls come from. Today the configured list; discovery through the room-list API can
 * implement this and ask for task reconfiguration when the set changes.
 */
public interface CallSource extends AutoCloseable {
    /** The CommIds to read now, without duplicates. */
    List<String> calls();

    @Override
    default void close() {
    }
}
