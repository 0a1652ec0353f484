package dev.kafkaconnect.trtc.api;

/**
 * A well-formed JSON answer that is not the documented shape. The path is built while the exception travels out
 * of the nested readers, so the happy path pays nothing for it.
 */
final class ShapeException extends Exception {
    private final String path;
    private final String problem;

    ShapeException(String problem) {
        this("", problem);
    }

    private ShapeException(String path, String problem) {
        super(null, null, false, false);
        this.path = path;
        this.problem = problem;
    }

    /** The same problem one level further out: {@code outer} is a field name or {@code [index]}. */
    ShapeException at(String outer) {
        String joined = path.isEmpty() ? outer : outer + (path.startsWith("[") ? "" : ".") + path;
        return new ShapeException(joined, problem);
    }

    String path() {
        return path;
    }

    @Override
    public String getMessage() {
        return path.isEmpty() ? problem : path + ": " + problem;
    }
}
