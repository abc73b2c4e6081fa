package io.awoooi.core;

/** Builds Alertmanager webhook v4 bodies for tests. */
public final class Webhooks {
    private Webhooks() {
    }

    public static String alert(String status, String alertname, String instance, String startsAt, String endsAt) {
        return """
                {"status":"%s","labels":{"alertname":"%s","severity":"critical","namespace":"shop","instance":"%s"},
                 "annotations":{"summary":"%s is down on %s"},
                 "startsAt":"%s","endsAt":"%s","generatorURL":"http://prometheus:9090/graph","fingerprint":""}
                """.formatted(status, alertname, instance, alertname, instance, startsAt, endsAt);
    }

    public static String firing(String alertname, String instance, String startsAt) {
        return alert("firing", alertname, instance, startsAt, "0001-01-01T00:00:00Z");
    }

    public static String resolved(String alertname, String instance, String startsAt, String endsAt) {
        return alert("resolved", alertname, instance, startsAt, endsAt);
    }

    public static String notification(String groupKey, String status, String... alerts) {
        return """
                {"version":"4","groupKey":"%s","truncatedAlerts":0,"status":"%s","receiver":"awoooi",
                 "groupLabels":{"alertname":"PostgresDown"},"commonLabels":{"severity":"critical"},
                 "commonAnnotations":{},"externalURL":"http://alertmanager:9093",
                 "notification_reason":"new_alerts","alerts":[%s]}
                """.formatted(groupKey.replace("\"", "\\\""), status, String.join(",", alerts));
    }
}
