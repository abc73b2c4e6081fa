package io.awoooi.bench;

import java.util.Random;

/**
 * Realistic Alertmanager webhook v4 bodies of a given size, with personal data and secrets at a
 * realistic density: every alert has an instance address, many carry an email, a trace UUID, a log
 * excerpt with a token or a DSN with credentials. Deterministic for a given seed.
 */
public final class AlertPayloads {
    private static final String[] ALERTS = {"HighErrorRate", "PostgresDown", "KubePodCrashLooping", "NodeDiskFull",
            "CertificateExpiring", "HighLatency", "LoginFailuresSpike", "QueueBacklog"};
    private static final String[] NAMESPACES = {"shop", "payments", "monitoring", "prod-eu", "auth"};
    private static final String[] USERS = {"alice", "bob.smith", "carol+ops", "dave", "erin.k", "frank99"};
    private static final String[] DOMAINS = {"example.com", "corp.example.net", "shop.example.co.uk"};
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private AlertPayloads() {
    }

    /** A webhook body of at least {@code minBytes} characters (ASCII, so bytes = characters). */
    public static String webhook(int minBytes, long seed) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder(minBytes + 2048);
        sb.append("{\"version\":\"4\",\"groupKey\":\"{}/{severity=\\\"critical\\\"}:{alertname=\\\"")
                .append(ALERTS[r.nextInt(ALERTS.length)]).append("\\\"}\",\"truncatedAlerts\":0,\"status\":\"firing\",")
                .append("\"receiver\":\"awoooi\",\"groupLabels\":{\"alertname\":\"HighErrorRate\"},")
                .append("\"commonLabels\":{\"severity\":\"critical\",\"cluster\":\"prod-eu-1\"},")
                .append("\"commonAnnotations\":{},\"externalURL\":\"http://alertmanager.monitoring.svc:9093\",\"alerts\":[");
        int tail = 2;
        boolean first = true;
        while (sb.length() + tail < minBytes) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            alert(sb, r);
        }
        return sb.append("]}").toString();
    }

    private static void alert(StringBuilder sb, Random r) {
        String alertname = ALERTS[r.nextInt(ALERTS.length)];
        String ns = NAMESPACES[r.nextInt(NAMESPACES.length)];
        String ip = ip(r);
        sb.append("{\"status\":\"firing\",\"labels\":{\"alertname\":\"").append(alertname)
                .append("\",\"instance\":\"").append(ip).append(':').append(9100 + r.nextInt(900))
                .append("\",\"job\":\"kubernetes-pods\",\"namespace\":\"").append(ns)
                .append("\",\"pod\":\"").append(ns).append("-api-").append(hex(r, 9)).append('-').append(word(r, 5))
                .append("\",\"severity\":\"critical\"},\"annotations\":{\"summary\":\"").append(alertname)
                .append(" on ").append(ip).append("\",\"description\":\"");
        switch (r.nextInt(6)) {
            case 0 -> sb.append("Login failures for ").append(email(r)).append(" from ").append(ip(r))
                    .append(" (").append(r.nextInt(500)).append(" in 5m)");
            case 1 -> sb.append("5xx ratio ").append(r.nextInt(40)).append('.').append(r.nextInt(10))
                    .append("% for trace ").append(uuid(r)).append(", p99 ").append(r.nextInt(3000)).append("ms");
            case 2 -> sb.append("last log: level=error msg=\\\"upstream 401\\\" token=").append(word(r, 24))
                    .append(" user=").append(email(r));
            case 3 -> sb.append("dsn postgres://app:").append(word(r, 12)).append('@').append(ip(r))
                    .append(":5432/orders refused after 3 retries");
            case 4 -> sb.append("Authorization: Bearer ").append(word(r, 32)).append(r.nextInt(10))
                    .append(" rejected by gateway ").append(ip(r));
            default -> sb.append("Disk /dev/nvme0n1p1 at ").append(80 + r.nextInt(20)).append("% on node ip-10-")
                    .append(r.nextInt(256)).append('-').append(r.nextInt(256)).append("-1.eu-west-1.compute.internal")
                    .append(", version 1.29.3, build 1.2.3.4.5");
        }
        sb.append("\",\"runbook_url\":\"https://runbooks.example.com/").append(alertname.toLowerCase())
                .append("\"},\"startsAt\":\"2026-11-25T03:").append(10 + r.nextInt(50)).append(":00.000Z\",")
                .append("\"endsAt\":\"0001-01-01T00:00:00Z\",")
                .append("\"generatorURL\":\"http://prometheus-k8s-0:9090/graph?g0.expr=rate%28http_requests_total%7Bcode%3D~%225..%22%7D%5B5m%5D%29&g0.tab=1\",")
                .append("\"fingerprint\":\"").append(hex(r, 16)).append("\"}");
    }

    private static String ip(Random r) {
        return r.nextInt(4) == 0
                ? "2001:db8:" + Integer.toHexString(r.nextInt(0xffff)) + "::"
                        + Integer.toHexString(1 + r.nextInt(0xfff))
                : "10." + r.nextInt(256) + '.' + r.nextInt(256) + '.' + (1 + r.nextInt(254));
    }

    private static String email(Random r) {
        return USERS[r.nextInt(USERS.length)] + '@' + DOMAINS[r.nextInt(DOMAINS.length)];
    }

    private static String uuid(Random r) {
        String h = hex(r, 32);
        return h.substring(0, 8) + '-' + h.substring(8, 12) + "-4" + h.substring(13, 16) + "-a" + h.substring(17, 20)
                + '-' + h.substring(20);
    }

    private static String hex(Random r, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int k = 0; k < n; k++) {
            sb.append(Character.forDigit(r.nextInt(16), 16));
        }
        return sb.toString();
    }

    private static String word(Random r, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int k = 0; k < n; k++) {
            sb.append(ALNUM.charAt(r.nextInt(ALNUM.length())));
        }
        return sb.toString();
    }
}
