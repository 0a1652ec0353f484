package dev.kafkaconnect.trtc.connector.offsets;

/**
 * Where reading a call's abnormal experiences resumes: every experience before {@code cursor} (unix s) was
 * delivered, and of those from it on, every one up to {@code last} in {@link ExperienceId} order (null: none). The
 * windows read from {@code cursor} on emit only what this does not call delivered, however they are split.
 *
 * @param room the room the experiences are asked for ({@code RoomId}), as the call-detail answers listed it; null
 *             until they have. Kept because a string room's CommId part is a hash, and after a restart the
 *             call-detail answers may list nobody again.
 */
public record ExperiencePosition(long cursor, ExperienceId last, String room) {
    public ExperiencePosition {
        if (room != null && room.isEmpty()) {
            room = null;
        }
        if (last != null && last.timeMillis() < cursor * 1000) {
            throw new IllegalArgumentException("the last delivered abnormal experience (" + last.timeMillis()
                    + " ms) lies before the cursor (" + cursor + " s)");
        }
    }

    /** Nothing delivered from {@code cursor} on. */
    public static ExperiencePosition at(long cursor) {
        return new ExperiencePosition(cursor, null, null);
    }

    /** This position, its experiences asked for in {@code room}. */
    public ExperiencePosition inRoom(String room) {
        return new ExperiencePosition(cursor, last, room);
    }

    /** Whether {@code id} was delivered before this position. */
    public boolean delivered(ExperienceId id) {
        return id.timeMillis() < cursor * 1000 || last != null && id.compareTo(last) <= 0;
    }

    /** This position after delivering {@code id}. */
    public ExperiencePosition after(ExperienceId id) {
        return new ExperiencePosition(cursor, id, room);
    }

    /** Everything before {@code end} (unix s) delivered: a window read to its end. */
    public ExperiencePosition through(long end) {
        if (end <= cursor) {
            return this;
        }
        return last != null && last.timeMillis() >= end * 1000 ? new ExperiencePosition(end, last, room)
                : new ExperiencePosition(end, null, room);
    }
}
