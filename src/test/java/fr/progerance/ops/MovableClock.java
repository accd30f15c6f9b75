package fr.progerance.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The tests' one clock (DESIGN rule 7): the product's {@link Clock} bean and the engine's timers
 * ({@link ClockUtil}) move together, so a test sets the instant it needs, moves it past a deadline
 * and fires the timer, instead of depending on when the suite runs or sleeping. Unset, it follows
 * the system clock; every test that sets it resets it afterwards.
 */
public final class MovableClock extends Clock {

    private final ZoneId zone;
    private volatile Instant fixed;

    public MovableClock(ZoneId zone) {
        this.zone = zone;
    }

    /** Stops the clock at {@code instant} (product and engine). */
    public void set(Instant instant) {
        this.fixed = instant;
        ClockUtil.setCurrentTime(Date.from(instant));
    }

    /** Moves the stopped clock forward. */
    public void advance(Duration duration) {
        set(instant().plus(duration));
    }

    /** Back to the system clock. */
    public void reset() {
        this.fixed = null;
        ClockUtil.reset();
    }

    @Override
    public Instant instant() {
        Instant f = fixed;
        return f != null ? f : Instant.now();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        MovableClock clock = new MovableClock(other);
        clock.fixed = fixed;
        return clock;
    }
}
