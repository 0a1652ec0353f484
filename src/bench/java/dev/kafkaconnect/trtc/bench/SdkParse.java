package dev.kafkaconnect.trtc.bench;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.reflect.TypeToken;
import com.tencentcloudapi.common.JsonResponseErrModel;
import com.tencentcloudapi.common.JsonResponseModel;
import com.tencentcloudapi.trtc.v20190722.models.DescribeCallDetailResponse;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * The peer: how Tencent's Java SDK (3.1.565) turns a {@code DescribeCallDetail} body into its model, reproduced
 * without its HTTP layer. {@code AbstractClient.internalRequest} reads the body into a String
 * ({@code body().string()}), parses all of it with Gson into {@code JsonResponseModel<JsonResponseErrModel>} to
 * look for an error, and returns the String; {@code TrtcClient.DescribeCallDetail} then parses all of it again
 * into {@code JsonResponseModel<DescribeCallDetailResponse>}. Same Gson settings as the SDK's client.
 */
public final class SdkParse {
    private static final Gson GSON = new GsonBuilder().excludeFieldsWithoutExposeAnnotation().create();
    private static final Type ERROR_TYPE = new TypeToken<JsonResponseModel<JsonResponseErrModel>>() { }.getType();
    private static final Type RESPONSE_TYPE =
            new TypeToken<JsonResponseModel<DescribeCallDetailResponse>>() { }.getType();

    private SdkParse() {
    }

    public static DescribeCallDetailResponse parse(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        JsonResponseModel<JsonResponseErrModel> error = GSON.fromJson(text, ERROR_TYPE);
        if (error.response.error != null) {
            throw new IllegalStateException("the answer is an error");
        }
        JsonResponseModel<DescribeCallDetailResponse> response = GSON.fromJson(text, RESPONSE_TYPE);
        return response.response;
    }
}
