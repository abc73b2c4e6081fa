package io.awoooi.local;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The routes of the HTTP API and its choice among them: the most specific path wins (segment by
 * segment: literal before variable before greedy), then a route of the request's method before ANY.
 */
final class RouteTable {

    /** The route a request goes to, with its path parameters. */
    record Match(HttpRoute route, Map<String, String> pathParameters) {
    }

    private static final Comparator<List<Integer>> BY_RANK = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Integer.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(b.size(), a.size()); // the longer path is the more specific
    };

    private final List<HttpRoute> routes;

    RouteTable(List<HttpRoute> routes) {
        this.routes = List.copyOf(routes);
    }

    List<HttpRoute> routes() {
        return routes;
    }

    Optional<Match> find(String method, String rawPath) {
        Match best = null;
        for (HttpRoute route : routes) {
            if (!route.method().equals(HttpRoute.ANY) && !route.method().equalsIgnoreCase(method)) {
                continue;
            }
            Optional<Map<String, String>> parameters = route.match(rawPath);
            if (parameters.isPresent() && (best == null || better(route, best.route()))) {
                best = new Match(route, parameters.get());
            }
        }
        return Optional.ofNullable(best);
    }

    private static boolean better(HttpRoute candidate, HttpRoute current) {
        int c = BY_RANK.compare(candidate.rank(), current.rank());
        if (c != 0) {
            return c < 0;
        }
        return !candidate.method().equals(HttpRoute.ANY) && current.method().equals(HttpRoute.ANY);
    }
}
