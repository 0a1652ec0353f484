package dev.kafkaconnect.trtc.connector.offsets;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Where reading a call's user events resumes. Users are read in batches: a batch is a time range
 * [{@code from}, {@code cursor}) and the users the call's samples listed in it; its users are read one after the
 * other, in id order. {@code batch} names the batch's users not finished yet (the first is being emitted, up to
 * {@code last}, null when none of its events was delivered); {@code from} is {@link #NO_BATCH} between batches.
 * {@code pending} names the users the samples listed from {@code cursor} on, for the next batch.
 *
 * @param room the room the events are asked for ({@code RoomId}), as the call-detail answers listed it; null
 *             until they have
 */
public record UserEventPosition(long cursor, long from, List<String> batch, UserEventId last,
                                SortedSet<String> pending, String room) {
    public static final long NO_BATCH = -1;

    public UserEventPosition {
        batch = batch == null ? List.of() : List.copyOf(batch);
        pending = pending == null || pending.isEmpty() ? java.util.Collections.emptySortedSet()
                : java.util.Collections.unmodifiableSortedSet(new TreeSet<>(pending));
        room = room == null || room.isEmpty() ? null : room;
        if (from != NO_BATCH && (from >= cursor || batch.isEmpty())) {
            throw new IllegalArgumentException("a batch of user events needs users and a range [from, cursor): ["
                    + from + ", " + cursor + ") " + batch);
        }
        if (from == NO_BATCH && (!batch.isEmpty() || last != null)) {
            throw new IllegalArgumentException("users or a last event named outside a batch of user events");
        }
        if (last != null && (last.timeMillis() < from * 1000 || last.timeMillis() >= cursor * 1000)) {
            throw new IllegalArgumentException("the last delivered user event (" + last.timeMillis()
                    + " ms) lies outside its batch [" + from + ", " + cursor + ") s");
        }
    }

    /** Nothing read from {@code cursor} on, no user listed yet. */
    public static UserEventPosition at(long cursor) {
        return new UserEventPosition(cursor, NO_BATCH, List.of(), null, null, null);
    }

    public boolean inBatch() {
        return from != NO_BATCH;
    }

    /** The user whose events are being emitted; null between batches. */
    public String currentUser() {
        return batch.isEmpty() ? null : batch.get(0);
    }

    public UserEventPosition inRoom(String newRoom) {
        return new UserEventPosition(cursor, from, batch, last, pending, newRoom);
    }

    /** This position with {@code users} listed by the samples (for the next batch). */
    public UserEventPosition listing(java.util.Collection<String> users) {
        TreeSet<String> more = new TreeSet<>(pending);
        if (!more.addAll(users)) {
            return this;
        }
        return new UserEventPosition(cursor, from, batch, last, more, room);
    }

    /**
     * The next batch: the pending users over [cursor, to). When {@code all} (the range reaches as far as the samples
     * have listed users), they are no longer pending; else they stay pending for the range after it.
     */
    public UserEventPosition batch(long to, boolean all) {
        return new UserEventPosition(to, cursor, List.copyOf(pending), null, all ? null : pending, room);
    }

    /** Nobody was listed before {@code to}: nothing to read up to there. */
    public UserEventPosition skipTo(long to) {
        return new UserEventPosition(Math.max(cursor, to), NO_BATCH, List.of(), null, pending, room);
    }

    /** After delivering {@code id} of the current user. */
    public UserEventPosition after(UserEventId id) {
        return new UserEventPosition(cursor, from, batch, id, pending, room);
    }

    /** The current user is done: the next one, or the batch is over. */
    public UserEventPosition userDone() {
        List<String> rest = batch.subList(1, batch.size());
        return rest.isEmpty() ? new UserEventPosition(cursor, NO_BATCH, List.of(), null, pending, room)
                : new UserEventPosition(cursor, from, rest, null, pending, room);
    }
}
