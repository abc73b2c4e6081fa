package io.awoooi.core.action;

import java.util.Objects;
import java.util.Optional;

/**
 * The bounds of {@code set_resources}, pure: one container's limit or request of one resource, as
 * the cluster has it now, and the value wanted. A change is allowed only when it is a raise within
 * bounds; the dry-run blocks the request otherwise (nobody may override it), and the executor asks
 * again right before patching.
 * <ul>
 *   <li>the value is set now (set_resources raises a value, it does not add the first one);</li>
 *   <li>the wanted value is larger than the current one, and at most {@value #MAX_FACTOR} times it;</li>
 *   <li>it is at most the resource's cap ({@value ContainerResource#MEMORY_CAP} memory,
 *       {@value ContainerResource#CPU_CAP} cpu);</li>
 *   <li>a limit stays at or above the request, a request at or below the limit;</li>
 *   <li>memory is a whole number of bytes, cpu no finer than a thousandth of a core (1m).</li>
 * </ul>
 *
 * @param container the container's name (for messages)
 * @param limit the container's current limit of the resource, if any
 * @param request the container's current request of the resource, if any
 */
public record ResourceChange(String container, ContainerResource resource, ResourceField field,
        Optional<Quantity> limit, Optional<Quantity> request, Quantity wanted) {
    /** The most a single set_resources multiplies the current value by. */
    public static final int MAX_FACTOR = 2;

    public ResourceChange {
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(wanted, "wanted");
    }

    /** The value the change replaces (the current limit or request), if set. */
    public Optional<Quantity> current() {
        return field == ResourceField.LIMIT ? limit : request;
    }

    /** Why the change is out of bounds, in words naming the container and the values; empty when allowed. */
    public Optional<String> problem() {
        String what = subject();
        if (wanted.value().signum() <= 0) {
            return Optional.of(what + ": " + wanted + " is not a positive quantity");
        }
        if (resource == ContainerResource.MEMORY && !wanted.whole()) {
            return Optional.of(what + ": " + wanted + " is not a whole number of bytes");
        }
        if (resource == ContainerResource.CPU && !wanted.milliPrecise()) {
            return Optional.of(what + ": " + wanted + " is finer than 1m (a thousandth of a core)");
        }
        if (current().isEmpty()) {
            return Optional.of(what + " is not set: set_resources raises a value that is set, it does not add one");
        }
        Quantity now = current().get();
        if (wanted.compareTo(now) <= 0) {
            return Optional.of(what + ": " + wanted + " is not larger than the current " + now);
        }
        if (now.value().signum() <= 0 || wanted.compareTo(now.times(MAX_FACTOR)) > 0) {
            return Optional.of(what + ": " + wanted + " is more than " + MAX_FACTOR + "x the current " + now
                    + (now.value().signum() > 0 ? " (" + wanted.ratioTo(now).toPlainString() + "x)" : ""));
        }
        if (wanted.compareTo(resource.cap()) > 0) {
            return Optional.of(what + ": " + wanted + " is above the cap of " + resource.cap() + " " + resource.id());
        }
        if (field == ResourceField.LIMIT && request.isPresent() && wanted.compareTo(request.get()) < 0) {
            return Optional.of(what + ": " + wanted + " would be below the request " + request.get());
        }
        if (field == ResourceField.REQUEST && limit.isPresent() && wanted.compareTo(limit.get()) > 0) {
            return Optional.of(what + ": " + wanted + " would be above the limit " + limit.get());
        }
        return Optional.empty();
    }

    /** Whether the container already has the wanted value (however written: 1Gi is 1024Mi). */
    public boolean alreadySet() {
        return current().map(wanted::sameAmount).orElse(false);
    }

    /** {@code memory limit of container api from 512Mi to 1Gi (2.00x; at most 2x, cap 16Gi)}. */
    public String describe() {
        String bounds = "at most " + MAX_FACTOR + "x, cap " + resource.cap();
        String change = current().map(now -> "from " + now + " to " + wanted + " ("
                + (now.value().signum() > 0 ? wanted.ratioTo(now).toPlainString() + "x; " : "") + bounds + ")")
                .orElse("to " + wanted + " (" + bounds + ")");
        return subject() + " " + change;
    }

    /** {@code memory limit of container api}. */
    private String subject() {
        return resource.id() + " " + field.id() + " of container " + container;
    }
}
