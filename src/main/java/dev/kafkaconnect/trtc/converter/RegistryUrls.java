package dev.kafkaconnect.trtc.converter;

import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;

/**
 * The registry base URLs, stripped of any {@code user:password@} part: credentials in a URL are used for basic auth
 * (credentials source URL) and never appear in messages.
 */
final class RegistryUrls {
    private final List<HttpUrl> urls;
    private final String userInfo;

    private RegistryUrls(List<HttpUrl> urls, String userInfo) {
        this.urls = List.copyOf(urls);
        this.userInfo = userInfo;
    }

    static RegistryUrls parse(List<String> configured) {
        List<HttpUrl> urls = new ArrayList<>();
        String userInfo = null;
        for (String raw : configured) {
            HttpUrl url = HttpUrl.parse(raw.trim());
            if (url == null) {
                throw new IllegalArgumentException(RegistryAvroConverterConfig.SCHEMA_REGISTRY_URL + " entry '"
                        + redact(raw) + "' is not a valid http(s) URL");
            }
            if (!url.username().isEmpty() && userInfo == null) {
                userInfo = url.username() + ":" + url.password();
            }
            urls.add(url.newBuilder().username("").password("").build());
        }
        return new RegistryUrls(urls, userInfo);
    }

    HttpUrl get(int index) {
        return urls.get(Math.floorMod(index, urls.size()));
    }

    int size() {
        return urls.size();
    }

    /** {@code user:password} from the first URL that has one, or null. */
    String userInfo() {
        return userInfo;
    }

    /** The URL with any credentials replaced, for messages. */
    static String redact(String url) {
        return url.replaceFirst("(?<=://)[^/@]*@", "***@");
    }

    @Override
    public String toString() {
        return urls.toString();
    }
}
