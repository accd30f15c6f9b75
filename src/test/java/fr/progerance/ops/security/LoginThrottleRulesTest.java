package fr.progerance.ops.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The login throttle's rules, without a server: counting, windows, lockouts, accounts, addresses. */
class LoginThrottleRulesTest {

    private static final String MARC = "marc";

    private final SettableClock clock = new SettableClock(Instant.parse("2026-03-02T09:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(LoginThrottleSettings.defaults(), clock);

    @Test
    @DisplayName("The tenth failure from an address locks it out for 15 minutes, for every account; other addresses are not concerned")
    void tenthFailureLocksTheAddress() {
        fail("192.0.2.1", MARC, 9);
        assertThat(throttle.check("192.0.2.1", MARC).allowed()).isTrue();
        fail("192.0.2.1", MARC, 1);
        LoginThrottle.Verdict verdict = throttle.check("192.0.2.1", MARC);
        assertThat(verdict.allowed()).isFalse();
        assertThat(verdict.reason()).isEqualTo(LoginThrottle.Reason.ADDRESS);
        assertThat(verdict.retryAfterSeconds()).isEqualTo(900);
        assertThat(throttle.check("192.0.2.1", "someone-else").allowed()).isFalse();
        assertThat(throttle.check("192.0.2.2", MARC).allowed()).isTrue();
        assertThat(throttle.lockedAddresses()).extracting(LoginThrottle.Lockout::key).containsExactly("192.0.2.1");
        assertThat(throttle.guardedAccounts()).isEmpty();
    }

    @Test
    @DisplayName("The lockout ends after 15 minutes; Retry-After counts down; failures older than the window no longer count")
    void lockoutEndsAndFailuresAge() {
        fail("192.0.2.1", MARC, 10);
        clock.advance(Duration.ofMinutes(10).plusMillis(1));
        assertThat(throttle.check("192.0.2.1", MARC).retryAfterSeconds()).isEqualTo(300);
        clock.advance(Duration.ofMinutes(5));
        assertThat(throttle.check("192.0.2.1", MARC).allowed()).isTrue();

        fail("192.0.2.3", MARC, 9);
        clock.advance(Duration.ofMinutes(15));
        fail("192.0.2.3", MARC, 9);
        assertThat(throttle.check("192.0.2.3", MARC).allowed()).isTrue();
        fail("192.0.2.3", MARC, 1);
        assertThat(throttle.check("192.0.2.3", MARC).allowed()).isFalse();
    }

    @Test
    @DisplayName("A clock moved back forgets the failures and lockouts it has not reached yet")
    void clockMovedBack() {
        fail("192.0.2.1", MARC, 10);
        clock.set(Instant.parse("2026-03-01T09:00:00Z"));
        assertThat(throttle.check("192.0.2.1", MARC).allowed()).isTrue();
        fail("192.0.2.1", MARC, 9);
        assertThat(throttle.check("192.0.2.1", MARC).allowed()).isTrue();
    }

    @Test
    @DisplayName("Twenty failures for an account from many addresses guard it: addresses that failed are refused, clean ones may log in")
    void accountGuard() {
        for (int i = 1; i <= 19; i++) {
            throttle.failed("198.51.100." + i, MARC);
        }
        assertThat(throttle.check("198.51.100.1", MARC).allowed()).isTrue();
        throttle.failed("198.51.100.20", MARC);
        LoginThrottle.Verdict dirty = throttle.check("198.51.100.1", MARC);
        assertThat(dirty.allowed()).isFalse();
        assertThat(dirty.reason()).isEqualTo(LoginThrottle.Reason.ACCOUNT);
        assertThat(dirty.retryAfterSeconds()).isEqualTo(900);
        assertThat(throttle.check("203.0.113.1", MARC).allowed()).as("a clean address").isTrue();
        assertThat(throttle.check(null, MARC).allowed()).as("no web request").isTrue();
        assertThat(throttle.check("198.51.100.1", "alice").allowed()).as("another account").isTrue();
        assertThat(throttle.guardedAccounts()).extracting(LoginThrottle.Lockout::key).containsExactly(MARC);
        assertThat(throttle.lockedAddresses()).isEmpty();

        assertThat(throttle.liftAccount(MARC)).isTrue();
        assertThat(throttle.check("198.51.100.1", MARC).allowed()).isTrue();
        assertThat(throttle.liftAccount(MARC)).isFalse();
    }

    @Test
    @DisplayName("An unknown user's failures count against the address only")
    void unknownUser() {
        for (int i = 1; i <= 30; i++) {
            throttle.failed("198.51.100." + i, null);
        }
        assertThat(throttle.guardedAccounts()).isEmpty();
        assertThat(throttle.lockedAddresses()).isEmpty();
    }

    @Test
    @DisplayName("IPv6 addresses count per /64 network, and any address of it lifts its lockout; IPv4-mapped addresses are IPv4")
    void ipv6Networks() {
        for (int i = 1; i <= 10; i++) {
            throttle.failed("2001:db8:1:2::" + Integer.toHexString(i), MARC);
        }
        assertThat(throttle.check("2001:db8:1:2:ffff::1", MARC).allowed()).isFalse();
        assertThat(throttle.check("2001:db8:1:3::1", MARC).allowed()).isTrue();
        assertThat(throttle.lockedAddresses()).extracting(LoginThrottle.Lockout::key)
                .containsExactly("2001:db8:1:2:0:0:0:0/64");
        assertThat(throttle.liftAddress("2001:db8:1:2::abcd")).isTrue();
        assertThat(throttle.check("2001:db8:1:2::1", MARC).allowed()).isTrue();

        assertThat(LoginThrottle.sourceKey("::ffff:192.0.2.7")).hasValue("192.0.2.7");
        assertThat(LoginThrottle.sourceKey("[2001:db8::1]")).hasValue("2001:db8:0:0:0:0:0:0/64");
        assertThat(LoginThrottle.sourceKey("0:0:0:0:0:0:0:1")).hasValue("0:0:0:0:0:0:0:0/64");
    }

    @Test
    @DisplayName("Only IP address literals are keys: host names are never looked up")
    void noHostNames() {
        assertThat(LoginThrottle.sourceKey("localhost")).isEmpty();
        assertThat(LoginThrottle.sourceKey("example.com")).isEmpty();
        assertThat(LoginThrottle.sourceKey("not-an-address")).isEmpty();
        assertThat(LoginThrottle.sourceKey("")).isEmpty();
        assertThat(LoginThrottle.sourceKey(null)).isEmpty();
        assertThat(LoginThrottle.sourceKey("1.2.3.4.5")).isEmpty();
    }

    @Test
    @DisplayName("At most tracked-addresses addresses are remembered: the least recently seen is forgotten first")
    void boundedMemory() {
        LoginThrottle small = new LoginThrottle(new LoginThrottleSettings(2, null, null, null, 3), clock);
        small.failed("192.0.2.1", null);
        small.failed("192.0.2.1", null);
        small.failed("192.0.2.2", null);
        small.failed("192.0.2.2", null);
        assertThat(small.lockedAddresses()).hasSize(2);
        small.failed("192.0.2.3", null);
        small.failed("192.0.2.4", null);
        assertThat(small.lockedAddresses()).extracting(LoginThrottle.Lockout::key).containsExactly("192.0.2.2");
    }

    @Test
    @DisplayName("Without a web request (the engine's own checks) nothing is counted or refused")
    void noAddress() {
        for (int i = 0; i < 50; i++) {
            throttle.failed(null, MARC);
        }
        assertThat(throttle.check(null, MARC).allowed()).isTrue();
        assertThat(throttle.guardedAccounts()).isEmpty();
    }

    private void fail(String address, String user, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(address, user);
        }
    }

    private static final class SettableClock extends Clock {

        private Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
