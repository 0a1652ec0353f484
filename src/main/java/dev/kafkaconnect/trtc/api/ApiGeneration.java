package dev.kafkaconnect.trtc.api;

/**
 * The two generations of the TRTC call-quality API. Both use API version {@code 2019-07-22}; they differ in
 * action names, in which parameters are JSON strings or integers, and in the metrics they serve.
 */
public enum ApiGeneration {
    /** {@code DescribeCallDetail} / {@code DescribeRoomInformation}: String SdkAppId, PageNumber, PageSize. */
    SEED("DescribeCallDetail", "DescribeRoomInformation", false),
    /** {@code DescribeCallDetailInfo} / {@code DescribeRoomInfo}: Integer SdkAppId, PageNumber, PageSize. */
    SUCCESSOR("DescribeCallDetailInfo", "DescribeRoomInfo", true);

    public static final String API_VERSION = "2019-07-22";
    public static final String SERVICE = "trtc";

    private final String callDetailAction;
    private final String roomListAction;
    private final boolean integerParams;

    ApiGeneration(String callDetailAction, String roomListAction, boolean integerParams) {
        this.callDetailAction = callDetailAction;
        this.roomListAction = roomListAction;
        this.integerParams = integerParams;
    }

    public String callDetailAction() {
        return callDetailAction;
    }

    public String roomListAction() {
        return roomListAction;
    }

    /** Whether {@code SdkAppId}, {@code PageNumber} and {@code PageSize} are sent as JSON integers. */
    public boolean integerParams() {
        return integerParams;
    }

    /** The generation an action belongs to, or null when the action is not a call-quality action. */
    public static ApiGeneration ofAction(String action) {
        for (ApiGeneration g : values()) {
            if (g.callDetailAction.equals(action) || g.roomListAction.equals(action)) {
                return g;
            }
        }
        return null;
    }
}
