package dev.kafkaconnect.trtc.api;

/**
 * One {@code EventMessage}. {@code (eventId, paramOne)} name the event in the service's event table; ids and
 * parameters not in the table are kept as they came. {@code type} is the video stream the event is about (0: not
 * about video, 2: big, 3: small, 7: relayed); {@code paramOne}/{@code paramTwo} are -1 when unused.
 */
public record UserEvent(int type, long timeMillis, int eventId, int paramOne, int paramTwo) {
    /** The value of a parameter the event does not use. */
    public static final int UNUSED = -1;
}
