package dev.kafkaconnect.trtc.demo;

/** A Connect REST call answered with an error status; carries the status and Connect's error body. */
public final class ConnectRestException extends RuntimeException {
    private final int statusCode;
    private final String body;

    ConnectRestException(String method, String path, int statusCode, String body) {
        super(method + " " + path + " failed with HTTP " + statusCode + ": " + body);
        this.statusCode = statusCode;
        this.body = body;
    }

    public int statusCode() {
        return statusCode;
    }

    public String body() {
        return body;
    }

    /** 409: the worker group is rebalancing or a config change is in flight; the same request may work later. */
    public boolean isConflict() {
        return statusCode == 409;
    }
}
