package dev.kafkaconnect.trtc.simulator;

/** An error answer: HTTP 200 with {@code Response.Error {Code, Message}}, as the real service sends. */
final class ApiError extends Exception {
    private final String code;

    ApiError(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    String code() {
        return code;
    }
}
