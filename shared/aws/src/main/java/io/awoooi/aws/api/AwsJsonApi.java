package io.awoooi.aws.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * One AWS service called with signed JSON requests, for the few operations the functions need of
 * services whose SDK modules are large (SSM 6 MB, SES v2 3.2 MB, Bedrock runtime 1.8 MB, KMS 1.6 MB,
 * Secrets Manager 0.7 MB for one or two calls each; issue #13, docs/adr/0022). It uses the SDK's own parts for everything
 * but the operation's shape: the default credentials and region chains, the SigV4 signer, the URL
 * connection HTTP client. The protocols: AWS JSON 1.1 (SSM, KMS, Secrets Manager: a POST to "/" with
 * {@code X-Amz-Target: <prefix>.<Operation>}) and REST JSON (SES v2, Bedrock's Converse).
 *
 * <p>The endpoint is, first that is set: the override (in-JVM tests), {@code AWS_ENDPOINT_URL_<SERVICE>}
 * (the local runtime's way), {@code AWS_ENDPOINT_URL}, else the service's regional endpoint
 * ({@code https://<prefix>.<region>.<partition's DNS suffix>}), as the SDK resolves it.
 *
 * <p>Failures are the SDK's own types, so callers and {@code AwsFailures} classify them as before:
 * no answer (connection refused, timeout) is an {@link SdkClientException}; an error answer is an
 * {@link AwsServiceException} with the status, the service's error code and the request id (the
 * message is kept in the error details, never in the exception's message: services quote values in
 * it). Throttling, HTTP 5xx and no answer are retried (3 attempts, exponential backoff from 50 ms
 * with jitter); everything else fails at once.
 */
public final class AwsJsonApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ATTEMPTS = 3;
    private static final long BACKOFF_BASE_MS = 50;

    /**
     * How a service is named: its SigV4 signing name, its endpoint prefix, the suffix of its
     * {@code AWS_ENDPOINT_URL_*} variable, and its JSON 1.1 target prefix (null for REST JSON).
     */
    public record Service(String signingName, String endpointPrefix, String endpointVariable, String targetPrefix) {
        public static final Service SSM = new Service("ssm", "ssm", "SSM", "AmazonSSM");
        public static final Service KMS = new Service("kms", "kms", "KMS", "TrentService");
        public static final Service SECRETS_MANAGER = new Service("secretsmanager", "secretsmanager",
                "SECRETS_MANAGER", "secretsmanager");
        public static final Service SES_V2 = new Service("ses", "email", "SESV2", null);
        public static final Service BEDROCK_RUNTIME = new Service("bedrock", "bedrock-runtime", "BEDROCK_RUNTIME",
                null);
        /** The Price List Query API (its endpoints are in us-east-1, eu-central-1 and ap-south-1 only). */
        public static final Service PRICING = new Service("pricing", "api.pricing", "PRICING", "AWSPriceListService");
    }

    private final Service service;
    private final URI endpoint;
    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient http;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final int maxAttempts;
    private final java.time.Clock signingClock;

    AwsJsonApi(Service service, URI endpoint, Region region, AwsCredentialsProvider credentials, SdkHttpClient http) {
        this(service, endpoint, region, credentials, http, MAX_ATTEMPTS, null);
    }

    private AwsJsonApi(Service service, URI endpoint, Region region, AwsCredentialsProvider credentials,
            SdkHttpClient http, int maxAttempts, java.time.Clock signingClock) {
        this.service = Objects.requireNonNull(service, "service");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.region = Objects.requireNonNull(region, "region");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.http = Objects.requireNonNull(http, "http");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.maxAttempts = maxAttempts;
        this.signingClock = signingClock;
    }

    /** The same service with at most {@code attempts} attempts per call (the default is 3). */
    public AwsJsonApi withAttempts(int attempts) {
        return new AwsJsonApi(service, endpoint, region, credentials, http, attempts, signingClock);
    }

    /** The same service signing with this clock's time (tests that check the credential scope's date). */
    public AwsJsonApi withSigningClock(java.time.Clock clock) {
        return new AwsJsonApi(service, endpoint, region, credentials, http, maxAttempts, Objects.requireNonNull(clock));
    }

    /**
     * The service as the functions reach it: the default credentials and region, the endpoint as
     * described above, the URL connection client with {@code connectTimeout} and {@code readTimeout}.
     */
    public static AwsJsonApi of(Service service, Optional<URI> endpointOverride, Optional<Region> region,
            Duration connectTimeout, Duration readTimeout) {
        return of(service, endpointOverride, region, Optional.empty(), connectTimeout, readTimeout);
    }

    /** As above, with the credentials given (empty: the default chain). */
    public static AwsJsonApi of(Service service, Optional<URI> endpointOverride, Optional<Region> region,
            Optional<AwsCredentialsProvider> credentials, Duration connectTimeout, Duration readTimeout) {
        Region r = region.orElseGet(() -> new DefaultAwsRegionProviderChain().getRegion());
        URI endpoint = endpointOverride.orElseGet(() -> endpointOf(service, r, System::getenv));
        SdkHttpClient http = UrlConnectionHttpClient.builder()
                .connectionTimeout(connectTimeout)
                .socketTimeout(readTimeout)
                .build();
        return new AwsJsonApi(service, endpoint, r,
                credentials.orElseGet(() -> DefaultCredentialsProvider.builder().build()), http);
    }

    /** A fixed endpoint, region and identity (in-JVM tests against stubs), the default timeouts. */
    public static AwsJsonApi of(Service service, URI endpoint, Region region, AwsCredentialsProvider credentials) {
        return new AwsJsonApi(service, endpoint, region, credentials, UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(1))
                .socketTimeout(Duration.ofSeconds(3))
                .build());
    }

    /** The endpoint the SDK would use for {@code service} in {@code region} with this environment. */
    static URI endpointOf(Service service, Region region, Function<String, String> environment) {
        for (String variable : new String[] {"AWS_ENDPOINT_URL_" + service.endpointVariable(), "AWS_ENDPOINT_URL"}) {
            String value = environment.apply(variable);
            if (value != null && !value.isBlank()) {
                return URI.create(value.strip());
            }
        }
        // a Region newer than this SDK's metadata has none: the commercial partition's suffix then
        String suffix = region.metadata() == null ? "amazonaws.com" : region.metadata().partition().dnsSuffix();
        return URI.create("https://" + service.endpointPrefix() + "." + region.id() + "." + suffix);
    }

    public URI endpoint() {
        return endpoint;
    }

    /**
     * An AWS JSON 1.1 operation: {@code POST /} with the target {@code <prefix>.<operation>}.
     *
     * @return the answer's JSON ({@link MissingNode} for an empty body)
     */
    public JsonNode call(String operation, Object body) {
        if (service.targetPrefix() == null) {
            throw new IllegalStateException(service.signingName() + " is a REST JSON service");
        }
        return send(SdkHttpMethod.POST, "/", body, "application/x-amz-json-1.1",
                service.targetPrefix() + "." + operation);
    }

    /** A REST JSON operation: {@code method path} with a JSON body (or none). */
    public JsonNode rest(SdkHttpMethod method, String path, Object body) {
        return send(method, path, body, "application/json", null);
    }

    private JsonNode send(SdkHttpMethod method, String path, Object body, String contentType, String target) {
        byte[] payload;
        try {
            payload = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the request body is not JSON", e);
        }
        RuntimeException last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            if (attempt > 1) {
                pause(attempt);
            }
            try {
                return attempt(method, path, payload, contentType, target);
            } catch (SdkClientException e) {
                last = e;
            } catch (AwsServiceException e) {
                if (!retryable(e)) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    private JsonNode attempt(SdkHttpMethod method, String path, byte[] payload, String contentType, String target) {
        URI base = endpoint;
        String basePath = base.getRawPath() == null || base.getRawPath().equals("/") ? "" : base.getRawPath();
        SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder()
                .method(method)
                .protocol(base.getScheme())
                .host(base.getHost())
                .port(base.getPort() == -1 ? null : base.getPort())
                .encodedPath(basePath + path)
                .putHeader("Content-Type", contentType)
                .putHeader("Accept", "application/json");
        if (target != null) {
            request.putHeader("X-Amz-Target", target);
        }
        // no credentials at all is an SdkClientException from the provider chain, as with an SDK client
        SignedRequest signed = signer.sign(r -> {
            r.identity(credentials.resolveCredentials())
                    .request(request.build())
                    .payload(ContentStreamProvider.fromByteArrayUnsafe(payload))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service.signingName())
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region.id());
            if (signingClock != null) {
                r.putProperty(software.amazon.awssdk.http.auth.spi.signer.HttpSigner.SIGNING_CLOCK, signingClock);
            }
        });
        HttpExecuteResponse response;
        byte[] answer;
        try {
            response = http.prepareRequest(HttpExecuteRequest.builder()
                    .request(signed.request())
                    .contentStreamProvider(signed.payload().orElse(null))
                    .build()).call();
            answer = response.responseBody().isPresent() ? readAll(response.responseBody().get()) : new byte[0];
        } catch (IOException | UncheckedIOException e) {
            throw SdkClientException
                    .create(service.signingName() + " could not be reached: " + e.getClass().getSimpleName(), e);
        }
        int status = response.httpResponse().statusCode();
        JsonNode json = parse(answer);
        if (status >= 200 && status < 300) {
            return json;
        }
        throw failure(status, json, response);
    }

    private AwsServiceException failure(int status, JsonNode json, HttpExecuteResponse response) {
        String code = json.path("__type").asText(null);
        if (code == null) {
            code = json.path("code").asText(null);
        }
        if (code == null) {
            code = response.httpResponse().firstMatchingHeader("x-amzn-ErrorType").orElse(null);
        }
        if (code != null) {
            // "com.amazon.coral.service#ThrottlingException" or "ThrottlingException:http://..." -> the name
            code = code.substring(code.lastIndexOf('#') + 1);
            int colon = code.indexOf(':');
            code = colon < 0 ? code : code.substring(0, colon);
        }
        String message = json.has("message") ? json.path("message").asText() : json.path("Message").asText(null);
        String requestId = response.httpResponse().firstMatchingHeader("x-amzn-RequestId").orElse(null);
        return AwsServiceException.builder()
                .statusCode(status)
                .requestId(requestId)
                .message(service.signingName() + " answered HTTP " + status + (code == null ? "" : " (" + code + ")"))
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(message)
                        .serviceName(service.signingName())
                        .build())
                .build();
    }

    /** What failed, in words safe to log: the service's error code, else the exception's kind. */
    public static String describe(software.amazon.awssdk.core.exception.SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null
                && service.awsErrorDetails().errorCode() != null) {
            return service.awsErrorDetails().errorCode();
        }
        return e.getClass().getSimpleName();
    }

    static boolean retryable(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return e.statusCode() >= 500 || e.statusCode() == 429 || e.isThrottlingException()
                || (code != null && (code.toLowerCase(Locale.ROOT).contains("throttl")
                        || code.equals("RequestLimitExceeded") || code.equals("TooManyRequestsException")));
    }

    private static JsonNode parse(byte[] answer) {
        if (answer.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(answer);
        } catch (IOException notJson) {
            return MissingNode.getInstance();
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static void pause(int attempt) {
        long ceiling = BACKOFF_BASE_MS << (attempt - 1);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SdkClientException.create("interrupted while waiting to retry", e);
        }
    }
}
