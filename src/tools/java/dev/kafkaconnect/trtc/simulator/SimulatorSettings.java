package dev.kafkaconnect.trtc.simulator;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulator's behaviour where the real service's is undocumented or account-dependent. Set from the builder,
 * and changeable while serving (each request reads the current values), so one simulator can play both readings.
 */
public final class SimulatorSettings {
    /** What a call-detail query for an unknown (or vanished) CommId answers. */
    public enum UnknownCommId { RESOURCE_NOT_FOUND, EMPTY_RESULT }

    /** How an empty {@code UserList}, or {@code Data} of a user-list-only query, is sent. */
    public enum EmptyList { EMPTY_ARRAY, NULL }

    /** Which rooms the room listing returns for a window. */
    public enum RoomFilter { CREATED_IN_WINDOW, ACTIVE_IN_WINDOW }

    /** What the room listing's {@code Total} counts. */
    public enum RoomTotal { PAGE, OVERALL }

    /**
     * What a call-detail answer's {@code Total} counts: the users the query lists (as documented), or only those on
     * the answered page (as the room listing documents its {@code Total}); a client must page on until a short page.
     */
    public enum CallTotal { LISTED, PAGE }

    /** What a call-detail window longer than allowed answers. */
    public enum OversizeWindow { ERROR, EMPTY_RESULT }

    /**
     * Which stay a call-detail query lists for a user who rejoined: the latest that began by the query's
     * {@code EndTime} (or, with {@link UserListMode#PRESENT_IN_RANGE}, the latest overlapping the window), or the
     * user's latest stay as of now, whatever the window: then a rejoin changes the listing ({@code JoinTs},
     * {@code LeaveTs}, {@code Finished}) of windows already answered.
     */
    public enum ListedStay { LATEST_IN_WINDOW, LATEST, EVERY_STAY }

    /**
     * How a query's window is measured against its limit: {@code EndTime - StartTime}, or the seconds it covers
     * with both bounds inclusive ({@code EndTime - StartTime + 1}), which refuses a window of exactly the limit.
     */
    public enum WindowCount { END_MINUS_START, INCLUSIVE }

    /**
     * Whether a query's {@code StartTime} is inclusive: call-detail points with {@code StartTime <= Time}, rooms
     * created (or active) from {@code StartTime} on; or exclusive: only points and rooms after {@code StartTime}.
     * {@code EndTime} stays inclusive either way.
     */
    public enum StartTime { INCLUSIVE, EXCLUSIVE }

    /**
     * How the answers' numeric fields ({@code Total}, {@code JoinTs}, {@code LeaveTs}, {@code Time}, {@code Value};
     * {@code CreateTime}, {@code DestroyTime}) are written: as JSON numbers, as documented, or as JSON strings holding
     * the same text ({@code "108.09"}), as an implementation reading the String-typed parameters of the docs might.
     */
    public enum Numbers { AS_NUMBERS, AS_STRINGS }

    /**
     * Whether a call's user order holds between the pages of one window, or shifts once, as a rejoin that changes
     * a {@code JoinTs} would shift it: the first time a page after the first is asked for a window, the first user
     * of the order moves to its end, for that window, from then on. The user who was first on the second page then
     * sits on the first page, already read, and a reader that pages only once never sees it.
     */
    public enum UserOrder { STABLE, SHIFTS_BETWEEN_PAGES }

    /**
     * How {@code DescribeUserEvent} labels the user's own events: with the user's own id as {@code PeerId}, or with
     * an empty one (the docs allow both).
     */
    public enum OwnPeerId { SELF, EMPTY }

    /** The unit of {@code DescribeUnusualEvent}'s {@code EventTime}, which the docs leave open. */
    public enum EventTimeUnit { SECONDS, MILLIS }

    private volatile OwnPeerId ownPeerId = OwnPeerId.SELF;
    private volatile EventTimeUnit eventTimeUnit = EventTimeUnit.SECONDS;
    private final Map<String, Integer> actionRateLimits = new ConcurrentHashMap<>();
    private volatile UserListMode userListMode = UserListMode.ALL_USERS;
    private volatile UnknownCommId unknownCommId = UnknownCommId.RESOURCE_NOT_FOUND;
    private volatile EmptyList emptyList = EmptyList.EMPTY_ARRAY;
    private volatile RoomFilter roomFilter = RoomFilter.CREATED_IN_WINDOW;
    private volatile RoomTotal roomTotal = RoomTotal.PAGE;
    private volatile CallTotal callTotal = CallTotal.LISTED;
    private volatile OversizeWindow oversizeWindow = OversizeWindow.ERROR;
    private volatile ListedStay listedStay = ListedStay.LATEST_IN_WINDOW;
    private volatile WindowCount windowCount = WindowCount.END_MINUS_START;
    private volatile UserOrder userOrder = UserOrder.STABLE;
    private volatile StartTime startTime = StartTime.INCLUSIVE;
    private volatile Duration dataWindow = Duration.ofHours(1);
    private volatile boolean userListOmitted;
    private volatile Numbers numbers = Numbers.AS_NUMBERS;
    private volatile boolean seedActionsOffline;
    private volatile int rateLimitPerSecond = 20;
    private volatile Duration lookback = Duration.ofDays(14);
    private volatile Duration dataDelay = Duration.ofSeconds(10);
    private volatile Duration userListWindow = Duration.ofHours(4);

    public OwnPeerId ownPeerId() {
        return ownPeerId;
    }

    public SimulatorSettings ownPeerId(OwnPeerId label) {
        this.ownPeerId = Objects.requireNonNull(label, "ownPeerId");
        return this;
    }

    public EventTimeUnit eventTimeUnit() {
        return eventTimeUnit;
    }

    public SimulatorSettings eventTimeUnit(EventTimeUnit unit) {
        this.eventTimeUnit = Objects.requireNonNull(unit, "eventTimeUnit");
        return this;
    }

    public UserListMode userListMode() {
        return userListMode;
    }

    public SimulatorSettings userListMode(UserListMode mode) {
        this.userListMode = Objects.requireNonNull(mode, "userListMode");
        return this;
    }

    public UnknownCommId unknownCommId() {
        return unknownCommId;
    }

    public SimulatorSettings unknownCommId(UnknownCommId mode) {
        this.unknownCommId = Objects.requireNonNull(mode, "unknownCommId");
        return this;
    }

    public EmptyList emptyList() {
        return emptyList;
    }

    public SimulatorSettings emptyList(EmptyList style) {
        this.emptyList = Objects.requireNonNull(style, "emptyList");
        return this;
    }

    public RoomFilter roomFilter() {
        return roomFilter;
    }

    public SimulatorSettings roomFilter(RoomFilter filter) {
        this.roomFilter = Objects.requireNonNull(filter, "roomFilter");
        return this;
    }

    public RoomTotal roomTotal() {
        return roomTotal;
    }

    public SimulatorSettings roomTotal(RoomTotal total) {
        this.roomTotal = Objects.requireNonNull(total, "roomTotal");
        return this;
    }

    public CallTotal callTotal() {
        return callTotal;
    }

    public SimulatorSettings callTotal(CallTotal total) {
        this.callTotal = Objects.requireNonNull(total, "callTotal");
        return this;
    }

    public OversizeWindow oversizeWindow() {
        return oversizeWindow;
    }

    /** Applies to the successor only: the seed page documents the error. */
    public SimulatorSettings oversizeWindow(OversizeWindow mode) {
        this.oversizeWindow = Objects.requireNonNull(mode, "oversizeWindow");
        return this;
    }

    public ListedStay listedStay() {
        return listedStay;
    }

    public SimulatorSettings listedStay(ListedStay stay) {
        this.listedStay = Objects.requireNonNull(stay, "listedStay");
        return this;
    }

    public UserOrder userOrder() {
        return userOrder;
    }

    public SimulatorSettings userOrder(UserOrder order) {
        this.userOrder = Objects.requireNonNull(order, "userOrder");
        return this;
    }

    public WindowCount windowCount() {
        return windowCount;
    }

    /** How windows are measured against their limit (call detail and room listing). */
    public SimulatorSettings windowCount(WindowCount count) {
        this.windowCount = Objects.requireNonNull(count, "windowCount");
        return this;
    }

    /** The length of the window [{@code start}, {@code end}] as measured against its limit ({@link #windowCount}). */
    long windowSeconds(long start, long end) {
        return end - start + (windowCount == WindowCount.INCLUSIVE ? 1 : 0);
    }

    public StartTime startTime() {
        return startTime;
    }

    /** Whether {@code StartTime} is inclusive for the points and rooms returned (call detail and room listing). */
    public SimulatorSettings startTime(StartTime start) {
        this.startTime = Objects.requireNonNull(start, "startTime");
        return this;
    }

    /** The first second whose points or rooms a query starting at {@code start} returns ({@link #startTime}). */
    long firstServed(long start) {
        return startTime == StartTime.EXCLUSIVE ? start + 1 : start;
    }

    public Duration dataWindow() {
        return dataWindow;
    }

    /** The longest window of a call-detail query with {@code DataType} (1 h as documented). */
    public SimulatorSettings dataWindow(Duration window) {
        if (window.toSeconds() < 1) {
            throw new IllegalArgumentException("dataWindow must be at least 1 s: " + window);
        }
        this.dataWindow = window;
        return this;
    }

    public boolean userListOmitted() {
        return userListOmitted;
    }

    /**
     * Call-detail answers carry the page's {@code Data} but list no user (an empty or null {@code UserList}, as
     * {@link #emptyList} says).
     */
    public SimulatorSettings userListOmitted(boolean omitted) {
        this.userListOmitted = omitted;
        return this;
    }

    public Numbers numbers() {
        return numbers;
    }

    public SimulatorSettings numbers(Numbers style) {
        this.numbers = Objects.requireNonNull(style, "numbers");
        return this;
    }

    public boolean seedActionsOffline() {
        return seedActionsOffline;
    }

    /** Makes {@code DescribeCallDetail} and {@code DescribeRoomInformation} answer {@code ActionOffline}. */
    public SimulatorSettings seedActionsOffline(boolean offline) {
        this.seedActionsOffline = offline;
        return this;
    }

    public int rateLimitPerSecond() {
        return rateLimitPerSecond;
    }

    /** Requests accepted per action per second of real time; 0 or less turns the limit off. */
    public SimulatorSettings rateLimitPerSecond(int limit) {
        this.rateLimitPerSecond = limit;
        return this;
    }

    /** Requests accepted per second for {@code action}: its own limit if one is set, else {@link #rateLimitPerSecond()}. */
    public int rateLimitPerSecond(String action) {
        Integer own = actionRateLimits.get(action);
        return own != null ? own : rateLimitPerSecond;
    }

    /** A limit for one action alone (0 or less: unlimited), replacing the common one for it. */
    public SimulatorSettings rateLimitPerSecond(String action, int limit) {
        actionRateLimits.put(Objects.requireNonNull(action, "action"), limit);
        return this;
    }

    /** The actions with a limit of their own, and their limits. */
    public Map<String, Integer> actionRateLimits() {
        return Map.copyOf(actionRateLimits);
    }

    /** Drops every action's own limit: each takes the common one again. */
    public SimulatorSettings clearActionRateLimits() {
        actionRateLimits.clear();
        return this;
    }

    public Duration lookback() {
        return lookback;
    }

    public SimulatorSettings lookback(Duration lookback) {
        this.lookback = positive(lookback, "lookback");
        return this;
    }

    public Duration dataDelay() {
        return dataDelay;
    }

    public SimulatorSettings dataDelay(Duration delay) {
        Objects.requireNonNull(delay, "dataDelay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("dataDelay must not be negative: " + delay);
        }
        this.dataDelay = delay;
        return this;
    }

    public Duration userListWindow() {
        return userListWindow;
    }

    /** The longest window of a query without {@code DataType} (4 h in the seed's docs, 1 h in newer ones). */
    public SimulatorSettings userListWindow(Duration window) {
        this.userListWindow = positive(window, "userListWindow");
        return this;
    }

    private static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
        return d;
    }
}
