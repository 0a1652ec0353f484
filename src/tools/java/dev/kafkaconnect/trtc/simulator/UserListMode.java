package dev.kafkaconnect.trtc.simulator;

/** Which users a ranged call-detail query lists: the docs allow both readings. */
public enum UserListMode {
    /** Every user of the call who has joined by {@code EndTime}. */
    ALL_USERS,
    /** Only users present at some time in {@code [StartTime, EndTime]}. */
    PRESENT_IN_RANGE
}
