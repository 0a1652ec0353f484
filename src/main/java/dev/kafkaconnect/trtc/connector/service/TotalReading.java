package dev.kafkaconnect.trtc.connector.service;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the service's call-detail {@code Total} counts, as far as the task has learnt it. The seed documents it as
 * the users of the call, which lets a window stop at {@code ceil(Total/6)} pages; the room listing documents its
 * {@code Total} as the count on the page, and a server that counted call details the same way would make that
 * rule lose every user after the first page. A full page that {@code Total} calls the last is therefore followed
 * by one more page, until the service has shown which reading it follows: a {@code Total} beyond the page proves
 * the call count (from then on the minimum plan holds), new users on a page {@code Total} did not announce prove
 * the page count (from then on pages are read until a short one). Shared by a task's calls.
 */
public final class TotalReading {
    private static final Logger log = LoggerFactory.getLogger(TotalReading.class);

    public enum Reading { UNKNOWN, CALL_USERS, PAGE_USERS }

    private volatile Reading reading;

    public TotalReading() {
        this(Reading.UNKNOWN);
    }

    public TotalReading(Reading reading) {
        this.reading = reading;
    }

    public Reading reading() {
        return reading;
    }

    /** Whether a full page that {@code Total} calls the last can be taken as the last. */
    public boolean trusted() {
        return reading == Reading.CALL_USERS;
    }

    /** A full page's {@code Total} counted more users than the pages up to it hold. */
    public void totalBeyondPage() {
        if (reading == Reading.UNKNOWN) {
            reading = Reading.CALL_USERS;
            log.debug("Call-detail Total counts the call's users: windows stop at ceil(Total/6) pages");
        }
    }

    /** A page after the one {@code Total} called the last listed users not seen before. */
    public void usersBeyondTotal() {
        if (reading != Reading.PAGE_USERS) {
            reading = Reading.PAGE_USERS;
            log.warn("The service's call-detail Total counts the users of one page, not of the call: windows are "
                    + "read page by page until a short page (one request more for calls of 6, 12, ... users)");
        }
    }

    @Override
    public String toString() {
        return reading.name();
    }
}
