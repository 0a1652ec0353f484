package dev.kafkaconnect.trtc.records;

/** The {@code event} of a CallParticipant record; JOINED sorts before LEFT. */
public enum ParticipantEvent {
    JOINED,
    LEFT
}
