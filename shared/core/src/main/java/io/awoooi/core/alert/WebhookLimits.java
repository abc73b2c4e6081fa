package io.awoooi.core.alert;

/**
 * The limits an Alertmanager notification must meet to be accepted: one explicit set, checked on
 * the parsed notification before intake reads or writes anything (ADR 0009, docs/architecture.md
 * "Intake limits"). Everything intake accepts can then be carried to the end: the raw-alerts queue
 * message, the state table rows intake writes, the Privacy Shield's redacted alert rows and its
 * incident event all stay inside the SQS and DynamoDB limits, and carry only characters SQS accepts.
 *
 * <p>Two kinds of rule. <b>Refused</b> (4xx, nothing written): what cannot be made to fit without
 * changing what the notification means: JSON beyond the parser's limits (400), a broken identity
 * (a fingerprint that is no identifier, label names that collide once escaped; 422), and a
 * notification too large as a whole (413; Alertmanager's {@code max_alerts} is the fix).
 * <b>Normalised</b> (accepted): text that is only content. Characters SQS cannot carry or that are
 * hostile are escaped visibly ({@link AlertText#escape}); over-long label values, annotation values,
 * URLs and the receiver are cut with a marker such as {@code …[truncated 12345 chars]}
 * ({@link AlertText#truncate}). An alert's identity is never computed from normalised text: the
 * fingerprint stays the one Alertmanager sent, or is computed from the labels as received, and the
 * group and notification keys hash the groupKey as received.
 *
 * <table>
 * <caption>Intake limits</caption>
 * <tr><th>what</th><th>limit</th><th>over it</th></tr>
 * <tr><td>request body</td><td>{@value #MAX_BODY_BYTES} bytes</td><td>413</td></tr>
 * <tr><td>JSON nesting</td><td>{@value #MAX_NESTING_DEPTH} levels</td><td>400</td></tr>
 * <tr><td>JSON number</td><td>{@value #MAX_NUMBER_CHARS} characters</td><td>400</td></tr>
 * <tr><td>JSON object key (label and annotation names), also once escaped</td>
 *     <td>{@value #MAX_KEY_CHARS} characters</td><td>400 (422 when only escaping makes it longer)</td></tr>
 * <tr><td>JSON string</td><td>{@value #MAX_STRING_CHARS} characters</td><td>400</td></tr>
 * <tr><td>alerts in one notification</td><td>{@value #MAX_ALERTS}</td><td>413</td></tr>
 * <tr><td>groupKey</td><td>{@value #MAX_GROUP_KEY_BYTES} bytes UTF-8</td><td>413</td></tr>
 * <tr><td>fingerprint</td><td>1 to {@value #MAX_FINGERPRINT_CHARS} of {@code A-Z a-z 0-9 . _ : -}
 *     (absent: computed from the labels)</td><td>422</td></tr>
 * <tr><td>a label value (alerts, groupLabels, commonLabels)</td><td>{@value #MAX_LABEL_VALUE_BYTES}
 *     bytes UTF-8</td><td>truncated</td></tr>
 * <tr><td>an annotation value</td><td>{@value #MAX_ANNOTATION_VALUE_BYTES} bytes UTF-8</td><td>truncated</td></tr>
 * <tr><td>generatorURL, externalURL</td><td>{@value #MAX_URL_BYTES} bytes UTF-8</td><td>truncated</td></tr>
 * <tr><td>receiver</td><td>{@value #MAX_RECEIVER_BYTES} bytes UTF-8</td><td>truncated</td></tr>
 * <tr><td>one alert, normalised, as JSON</td><td>{@value #MAX_ALERT_JSON_BYTES} bytes</td><td>413</td></tr>
 * <tr><td>the notification, normalised, as JSON</td><td>{@value #MAX_NOTIFICATION_JSON_BYTES} bytes</td><td>413</td></tr>
 * <tr><td>the raw-alerts queue message (envelope and attributes, as the adapter sends it)</td>
 *     <td>{@value #MAX_QUEUE_MESSAGE_BYTES} bytes</td><td>413</td></tr>
 * <tr><td>alert instances an incident row keeps</td><td>{@value #MAX_INCIDENT_ALERTS}</td>
 *     <td>the oldest resolved, then the oldest firing instances not in the notification are dropped</td></tr>
 * <tr><td>alertname / severity in the incident row</td><td>{@value #MAX_STORED_ALERTNAME_BYTES} /
 *     {@value #MAX_STORED_SEVERITY_BYTES} bytes UTF-8</td><td>truncated (the full value is in the redacted alert)</td></tr>
 * </table>
 *
 * <p>Why these numbers. The queue message limit is the SQS size every queue accepts whatever its
 * MaximumMessageSize, and keeps a batch of 10 well inside a Lambda invocation payload. The
 * normalised notification is at most half the 1 MiB the Privacy Shield's uncompressed incident event
 * may take, leaving its pseudonyms room to grow. One alert is at most 64 KiB so that its redacted row
 * stays far below DynamoDB's 400 KB item size even when pseudonyms are longer than the values they
 * replace. The incident row keeps at most {@value #MAX_INCIDENT_ALERTS} instances of at most about
 * 350 bytes each: under 400 KB whatever the notifications were.
 */
public final class WebhookLimits {
    /** The request body. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    /** JSON parser: arrays and objects inside each other (a webhook needs 4). */
    public static final int MAX_NESTING_DEPTH = 32;
    /** JSON parser: digits, sign, point and exponent of one number. */
    public static final int MAX_NUMBER_CHARS = 64;
    /** JSON parser: one object key, so every label and annotation name. */
    public static final int MAX_KEY_CHARS = 1024;
    /** JSON parser: one string value (no string can be longer than the body). */
    public static final int MAX_STRING_CHARS = MAX_BODY_BYTES;

    /** Alerts in one notification; Alertmanager's {@code max_alerts} caps what it sends. */
    public static final int MAX_ALERTS = 1000;
    /** The groupKey, as received (it is group identity: never cut). */
    public static final int MAX_GROUP_KEY_BYTES = 8 * 1024;
    /** A fingerprint Alertmanager sends is 16 hex digits; other senders get some room. */
    public static final int MAX_FINGERPRINT_CHARS = 64;
    /** Label values: longer ones are cut with a marker. */
    public static final int MAX_LABEL_VALUE_BYTES = 2 * 1024;
    /** Annotation values: longer ones are cut with a marker. */
    public static final int MAX_ANNOTATION_VALUE_BYTES = 8 * 1024;
    /** generatorURL and externalURL: longer ones are cut with a marker. */
    public static final int MAX_URL_BYTES = 4 * 1024;
    /** The receiver name: a longer one is cut with a marker. */
    public static final int MAX_RECEIVER_BYTES = 1024;
    /** One normalised alert as JSON: bounds its redacted row. */
    public static final int MAX_ALERT_JSON_BYTES = 64 * 1024;
    /** The normalised notification as JSON: bounds the Privacy Shield's incident event. */
    public static final int MAX_NOTIFICATION_JSON_BYTES = 512 * 1024;
    /** The raw-alerts queue message: body plus message attributes, as SQS counts them. */
    public static final int MAX_QUEUE_MESSAGE_BYTES = 256 * 1024;

    /** Alert instances one incident row keeps (at least one whole notification). */
    public static final int MAX_INCIDENT_ALERTS = MAX_ALERTS;
    /** The alertname an incident row keeps of each alert instance. */
    public static final int MAX_STORED_ALERTNAME_BYTES = 128;
    /** The severity an incident row keeps of each alert instance. */
    public static final int MAX_STORED_SEVERITY_BYTES = 32;
    /** DynamoDB's item size limit (400 KB), which every row intake writes stays under. */
    public static final int DYNAMODB_MAX_ITEM_BYTES = 400 * 1024;

    private WebhookLimits() {
    }
}
