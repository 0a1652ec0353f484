package dev.kafkaconnect.trtc.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Every error code of the seed's page and the common codes map to the right kind, family and advice. */
class ErrorCodesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(textBlock = """
            InternalError,                           SERVER,             TrtcServerException
            InternalError.DBError,                   SERVER,             TrtcServerException
            InternalError.EsQueryError,              SERVER,             TrtcServerException
            InternalError.HttpParaseFalied,          INVALID_REQUEST,    TrtcRequestException
            InternalError.InterfaceErr,              SERVER,             TrtcServerException
            InternalError.MethodErr,                 INVALID_REQUEST,    TrtcRequestException
            InvalidParameter,                        INVALID_REQUEST,    TrtcRequestException
            InvalidParameter.BodyParamsError,        INVALID_REQUEST,    TrtcRequestException
            InvalidParameter.EncodeParams,           INVALID_REQUEST,    TrtcRequestException
            InvalidParameter.PageSizeOversize,       INVALID_REQUEST,    TrtcRequestException
            InvalidParameter.QueryScaleOversize,     WINDOW_TOO_LONG,    TrtcRequestException
            InvalidParameter.SdkAppId,               APPLICATION,        TrtcConfigurationException
            InvalidParameter.SdkAppid,               APPLICATION,        TrtcConfigurationException
            InvalidParameter.StartTs,                INVALID_REQUEST,    TrtcRequestException
            InvalidParameter.StartTsOversize,        START_TOO_OLD,      TrtcRequestException
            InvalidParameter.UserIdsMorethanSix,     INVALID_REQUEST,    TrtcRequestException
            MissingParameter,                        INVALID_REQUEST,    TrtcRequestException
            MissingParameter.CommId,                 CALL_NOT_FOUND,     TrtcRequestException
            MissingParameter.CommIdOrSdkAppId,       CALL_NOT_FOUND,     TrtcRequestException
            MissingParameter.EndTs,                  INVALID_REQUEST,    TrtcRequestException
            MissingParameter.SdkAppId,               APPLICATION,        TrtcConfigurationException
            MissingParameter.StartTs,                INVALID_REQUEST,    TrtcRequestException
            InvalidParameter.PageNumber,             INVALID_REQUEST,    TrtcRequestException
            InvalidParameter.PageSize,               INVALID_REQUEST,    TrtcRequestException
            InvalidParameter.StartTimeExpire,        START_TOO_OLD,      TrtcRequestException
            InvalidParameter.StartTimeOversize,      START_TOO_OLD,      TrtcRequestException
            InvalidParameter.EndTs,                  INVALID_REQUEST,    TrtcRequestException
            InvalidParameter.UrlParamsError,         INVALID_REQUEST,    TrtcRequestException
            InvalidParameter.UserId,                 INVALID_REQUEST,    TrtcRequestException
            MissingParameter.RoomNum,                INVALID_REQUEST,    TrtcRequestException
            AuthFailure.SignatureExpire,             SIGNATURE_EXPIRED,  TrtcAuthException
            AuthFailure.SignatureFailure,            AUTH,               TrtcAuthException
            AuthFailure.SecretIdNotFound,            AUTH,               TrtcAuthException
            AuthFailure.InvalidSecretId,             AUTH,               TrtcAuthException
            AuthFailure.TokenFailure,                AUTH,               TrtcAuthException
            AuthFailure.UnauthorizedOperation,       ACCESS_DENIED,      TrtcAuthException
            AuthFailure.InvalidAuthorization,        AUTH,               TrtcAuthException
            AuthFailure.MFAFailure,                  AUTH,               TrtcAuthException
            InvalidAction,                           UNSUPPORTED_ACTION, TrtcConfigurationException
            ActionOffline,                           UNSUPPORTED_ACTION, TrtcConfigurationException
            NoSuchVersion,                           UNSUPPORTED_ACTION, TrtcConfigurationException
            UnsupportedRegion,                       REGION,             TrtcConfigurationException
            InvalidParameterValue,                   INVALID_REQUEST,    TrtcRequestException
            UnknownParameter,                        INVALID_REQUEST,    TrtcRequestException
            RequestLimitExceeded,                    THROTTLED,          TrtcThrottledException
            RequestLimitExceeded.UinLimitExceeded,   THROTTLED,          TrtcThrottledException
            RequestLimitExceeded.IPLimitExceeded,    THROTTLED,          TrtcThrottledException
            RequestLimitExceeded.GlobalRegionUinLimitExceeded, THROTTLED, TrtcThrottledException
            LimitExceeded,                           INVALID_REQUEST,    TrtcRequestException
            FailedOperation,                         SERVER,             TrtcServerException
            ResourceNotFound,                        CALL_NOT_FOUND,     TrtcRequestException
            ResourceUnavailable,                     SERVER,             TrtcServerException
            UnauthorizedOperation,                   ACCESS_DENIED,      TrtcAuthException
            UnsupportedOperation,                    UNSUPPORTED_ACTION, TrtcConfigurationException
            IpInBlacklist,                           ACCESS_DENIED,      TrtcAuthException
            IpNotInWhitelist,                        ACCESS_DENIED,      TrtcAuthException
            """)
    void codeMapsToKindAndFamily(String code, ErrorKind kind, String family) {
        TrtcApiException e = ErrorCodes.serviceError(code, "m", "rid-1", "DescribeCallDetail", 200);

        assertThat(ErrorCodes.kindOf(code)).isEqualTo(kind);
        assertThat(ErrorCodes.known(code)).isTrue();
        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.getClass().getSimpleName()).isEqualTo(family);
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.requestId()).isEqualTo("rid-1");
        assertThat(e.action()).isEqualTo("DescribeCallDetail");
        assertThat(e.getMessage()).contains(code).contains("rid-1");
    }

    @ParameterizedTest(name = "{0} is retriable: {1}")
    @CsvSource(textBlock = """
            RequestLimitExceeded.UinLimitExceeded, true
            InternalError.DBError,                 true
            FailedOperation,                       true
            ResourceUnavailable,                   true
            AuthFailure.SignatureExpire,           true
            AuthFailure.SignatureFailure,          false
            InvalidParameter.QueryScaleOversize,   false
            InvalidAction,                         false
            UnsupportedRegion,                     false
            """)
    void retriableFamilies(String code, boolean retriable) {
        assertThat(ErrorCodes.kindOf(code).retriable()).isEqualTo(retriable);
    }

    @ParameterizedTest(name = "{0} names {1}")
    @CsvSource(textBlock = """
            AuthFailure.SecretIdNotFound,  trtc.secret.id
            AuthFailure.InvalidSecretId,   trtc.secret.id
            AuthFailure.SignatureFailure,  trtc.secret.key
            AuthFailure.TokenFailure,      trtc.token
            UnsupportedRegion,             trtc.region
            InvalidParameter.SdkAppId,     trtc.sdk.app.id
            InvalidAction,                 trtc.endpoint
            RequestLimitExceeded,          20 per second
            AuthFailure.SignatureExpire,   clock
            """)
    void messagesSayWhatToFix(String code, String advice) {
        assertThat(ErrorCodes.serviceError(code, null, "r", "DescribeCallDetailInfo", 200).getMessage())
                .contains(advice);
    }

    @Test
    void subCodesOfUnknownFamiliesAndCaseVariantsStillMatch() {
        assertThat(ErrorCodes.kindOf("InternalError.SomethingNew.Deeper")).isEqualTo(ErrorKind.SERVER);
        assertThat(ErrorCodes.kindOf("FailedOperation.Busy")).isEqualTo(ErrorKind.SERVER);
        assertThat(ErrorCodes.kindOf("requestlimitexceeded.uinlimitexceeded")).isEqualTo(ErrorKind.THROTTLED);
        // A prefix only matches whole segments.
        assertThat(ErrorCodes.kindOf("InternalErrorish")).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(ErrorCodes.known("TotallyNew.Code")).isFalse();
        assertThat(ErrorCodes.kindOf("TotallyNew.Code")).isEqualTo(ErrorKind.INVALID_REQUEST);
    }

    @Test
    void serverMessageIsOneShortPrintableLine() {
        String hostile = "line1\nline2\r\u001b[31mred\u202e" + "x".repeat(500);
        String message = ErrorCodes.serviceError("InternalError", hostile, "r", "A", 200).getMessage();

        assertThat(message).doesNotContain("\n", "\r", "\u001b", "\u202e");
        assertThat(message).contains("line1 line2");
        assertThat(message.length()).isLessThan(600);
        assertThat(message).endsWith("...]");
    }
}
