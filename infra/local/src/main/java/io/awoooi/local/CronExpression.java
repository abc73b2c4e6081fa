package io.awoooi.local;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An EventBridge cron: {@code minutes hours day-of-month month day-of-week year}, with {@code *},
 * {@code ?}, lists, ranges and steps; months JAN-DEC, days of the week 1-7 = SUN-SAT. Exactly one of
 * day-of-month and day-of-week is {@code ?}. L, W and # are not supported here.
 */
record CronExpression(String text, BitSet minutes, BitSet hours, BitSet daysOfMonth, BitSet months,
        BitSet daysOfWeek, BitSet years, boolean anyDayOfMonth, boolean anyDayOfWeek, ZoneId zone)
        implements
            ScheduleExpression {

    private static final int MIN_YEAR = 1970;
    private static final int MAX_YEAR = 2199;
    private static final Map<String, Integer> MONTHS = Map.ofEntries(Map.entry("JAN", 1), Map.entry("FEB", 2),
            Map.entry("MAR", 3), Map.entry("APR", 4), Map.entry("MAY", 5), Map.entry("JUN", 6), Map.entry("JUL", 7),
            Map.entry("AUG", 8), Map.entry("SEP", 9), Map.entry("OCT", 10), Map.entry("NOV", 11), Map.entry("DEC", 12));
    private static final Map<String, Integer> WEEKDAYS = Map.of("SUN", 1, "MON", 2, "TUE", 3, "WED", 4,
            "THU", 5, "FRI", 6, "SAT", 7);

    static CronExpression parse(String body, ZoneId zone) {
        String[] f = body.trim().split("\\s+");
        String where = "cron(" + body + ")";
        if (f.length != 6) {
            throw new IllegalArgumentException(where + ": expected 6 fields (minutes hours day-of-month month"
                    + " day-of-week year), got " + f.length);
        }
        for (String field : f) {
            String withoutNames = field.toUpperCase(Locale.ROOT);
            for (String n : MONTHS.keySet()) {
                withoutNames = withoutNames.replace(n, "");
            }
            for (String n : WEEKDAYS.keySet()) {
                withoutNames = withoutNames.replace(n, "");
            }
            if (withoutNames.matches(".*[LW#].*")) {
                throw new IllegalArgumentException(where + ": L, W and # are not supported by the local runtime");
            }
        }
        boolean anyDom = f[2].equals("?");
        boolean anyDow = f[4].equals("?");
        if (anyDom == anyDow) {
            throw new IllegalArgumentException(where + ": exactly one of day-of-month and day-of-week must be ?");
        }
        if (f[0].equals("?") || f[1].equals("?") || f[3].equals("?") || f[5].equals("?")) {
            throw new IllegalArgumentException(where + ": ? is only allowed in day-of-month or day-of-week");
        }
        return new CronExpression(body.trim(),
                field(where, "minutes", f[0], 0, 59, Map.of()),
                field(where, "hours", f[1], 0, 23, Map.of()),
                anyDom ? new BitSet() : field(where, "day-of-month", f[2], 1, 31, Map.of()),
                field(where, "month", f[3], 1, 12, MONTHS),
                anyDow ? new BitSet() : field(where, "day-of-week", f[4], 1, 7, WEEKDAYS),
                field(where, "year", f[5], MIN_YEAR, MAX_YEAR, Map.of()),
                anyDom, anyDow, zone);
    }

    @Override
    public Optional<Instant> next(Instant after) {
        ZonedDateTime t = after.atZone(zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        while (t.getYear() <= MAX_YEAR) {
            if (!years.get(t.getYear())) {
                t = t.withDayOfYear(1).truncatedTo(ChronoUnit.DAYS).plusYears(1);
            } else if (!months.get(t.getMonthValue())) {
                t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
            } else if (!dayMatches(t)) {
                t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
            } else if (!hours.get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!minutes.get(t.getMinute())) {
                t = t.plusMinutes(1);
            } else {
                return Optional.of(t.toInstant());
            }
        }
        return Optional.empty();
    }

    private boolean dayMatches(ZonedDateTime t) {
        if (anyDayOfWeek) {
            return daysOfMonth.get(t.getDayOfMonth());
        }
        int awsDayOfWeek = t.getDayOfWeek().getValue() % 7 + 1; // MONDAY=1..SUNDAY=7 -> SUN=1..SAT=7
        return daysOfWeek.get(awsDayOfWeek);
    }

    /** One field: *, or a comma list of N, A-B, with an optional /step ("*&#47;5", "0/15", "1-10/2"). */
    private static BitSet field(String where, String name, String text, int min, int max, Map<String, Integer> names) {
        BitSet bits = new BitSet();
        for (String item : List.of(text.split(","))) {
            String range = item;
            int step = 1;
            int slash = item.indexOf('/');
            if (slash >= 0) {
                range = item.substring(0, slash);
                step = number(where, name, item.substring(slash + 1), names);
                if (step < 1) {
                    throw new IllegalArgumentException(where + ": " + name + " step must be 1 or more: " + item);
                }
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] ends = range.split("-", 2);
                from = number(where, name, ends[0], names);
                to = number(where, name, ends[1], names);
            } else {
                from = number(where, name, range, names);
                to = slash >= 0 ? max : from; // "0/15" runs from 0 to the end in steps of 15
            }
            if (from < min || to > max || from > to) {
                throw new IllegalArgumentException(
                        where + ": " + name + " value " + item + " is outside " + min + "-" + max);
            }
            for (int v = from; v <= to; v += step) {
                bits.set(v);
            }
        }
        return bits;
    }

    private static int number(String where, String name, String text, Map<String, Integer> names) {
        Integer named = names.get(text.toUpperCase(Locale.ROOT));
        if (named != null) {
            return named;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": " + name + " has an invalid value '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return "cron(" + text + ")";
    }
}
