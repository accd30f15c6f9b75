package fr.progerance.ops.calendar;

import static fr.progerance.ops.calendar.CalendarFixtures.at;
import static fr.progerance.ops.calendar.CalendarFixtures.iso;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The Spring wiring of the calendar package: beans, setting keys, defaults and start-up checks. */
@DisplayName("Every contract number is a setting: ops.calendar, ops.sla, ops.contract (RC-*, R4.3-*, R3.6-d, R8.3, R9)")
class CalendarSettingsTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(CalendarConfiguration.class, SlaDeadlines.class, ContractClock.class);

    @Test
    @DisplayName("RC-business, RC-n2, RC-support, R4.3-*, R3.6-d, R8.3, R9: defaults are the contract's values")
    void defaults() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(Clock.class).getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
            CalendarProperties calendar = context.getBean(CalendarProperties.class);
            assertThat(calendar.isAlsaceMoselle()).isFalse();
            assertThat(calendar.getBusiness().getOpens()).isEqualTo(LocalTime.of(9, 0));
            assertThat(calendar.getN2().getOpens()).isEqualTo(LocalTime.of(7, 0));
            assertThat(calendar.getSupport().getCloses()).isEqualTo(LocalTime.of(21, 0));
            SlaProperties sla = context.getBean(SlaProperties.class);
            assertThat(sla.getN1InterventionInBusinessHours()).isEqualTo(Duration.ofMinutes(10));
            assertThat(sla.getN1InterventionOutsideBusinessHours()).isEqualTo(Duration.ofMinutes(30));
            assertThat(sla.getN1RestorationAfterIntervention()).isEqualTo(Duration.ofMinutes(30));
            assertThat(sla.getN2Troubleshooting()).isEqualTo(Duration.ofHours(1));
            assertThat(sla.getN2Update()).isEqualTo(Duration.ofHours(2));
            assertThat(sla.getTierceIntervention()).isEqualTo(Duration.ofMinutes(15));
            assertThat(sla.getRestore()).isEqualTo(Duration.ofHours(4));
            ContractTermsProperties terms = context.getBean(ContractTermsProperties.class);
            assertThat(terms.getTerminationNotice()).isEqualTo(Period.ofDays(30));
            assertThat(terms.getForceMajeureTerminationAfter()).isEqualTo(Period.ofMonths(2));
        });
    }

    @Test
    @DisplayName("RC-holidays, RC-n2, RC-support, R4.3-p1, R4.3-p2, R8.3: every key binds and is used")
    void overrides() {
        runner.withPropertyValues(
                        "ops.calendar.alsace-moselle=true",
                        "ops.calendar.n2.opens=06:30",
                        "ops.calendar.support.days=monday,tuesday",
                        "ops.calendar.support.exclude-holidays=true",
                        "ops.sla.n1-intervention-in-business-hours=5m",
                        "ops.sla.n2-update=PT3H",
                        "ops.contract.termination-notice=60d",
                        "ops.contract.force-majeure-termination-after=P3M")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    WorkingCalendar calendar = context.getBean(WorkingCalendar.class);
                    assertThat(calendar.holidays().alsaceMoselle()).isTrue();
                    assertThat(calendar.n2().opens()).isEqualTo(LocalTime.of(6, 30));
                    assertThat(calendar.n2().closes()).as("unset keys keep their default").isEqualTo(LocalTime.of(18, 0));
                    assertThat(calendar.n2().days()).hasSize(5);
                    assertThat(calendar.support().days()).containsExactlyInAnyOrder(DayOfWeek.MONDAY, DayOfWeek.TUESDAY);
                    assertThat(calendar.support().excludesHolidays()).isTrue();
                    SlaDeadlines deadlines = context.getBean(SlaDeadlines.class);
                    assertThat(iso(deadlines.incidentDeadlines(Infrastructure.PROGERANCE, 1,
                            IncidentCategory.UPDATE, at("2026-04-07T10:00:00+02:00")).interventionDue()))
                            .isEqualTo("2026-04-07T10:05:00+02:00");
                    assertThat(iso(deadlines.incidentDeadlines(Infrastructure.PROGERANCE, 2,
                            IncidentCategory.UPDATE, at("2026-04-07T06:30:00+02:00")).interventionDue()))
                            .isEqualTo("2026-04-07T09:30:00+02:00");
                    assertThat(deadlines.isBusinessHours(at("2026-04-03T10:00:00+02:00"))).as("Good Friday").isFalse();
                    ContractClock clock = context.getBean(ContractClock.class);
                    assertThat(clock.terminationNotice()).isEqualTo(Period.ofDays(60));
                    assertThat(clock.forceMajeureTerminationFrom(java.time.LocalDate.of(2026, 3, 1)))
                            .isEqualTo(java.time.LocalDate.of(2026, 6, 1));
                });
    }

    @Test
    @DisplayName("RULES 'Calendars': the zone is a setting and the clock follows it")
    void zone() {
        runner.withPropertyValues("ops.calendar.zone=Europe/Brussels").run(context -> {
            assertThat(context.getBean(Clock.class).getZone()).isEqualTo(ZoneId.of("Europe/Brussels"));
            assertThat(context.getBean(ContractClock.class).zone()).isEqualTo(ZoneId.of("Europe/Brussels"));
        });
    }

    @Test
    @DisplayName("RC-business, R4.3-p2, R8.3: inconsistent settings stop the start-up with the key in the message")
    void invalidSettingsFailStartup() {
        runner.withPropertyValues("ops.calendar.business.opens=19:00").run(context -> assertThat(context)
                .hasFailed().getFailure().hasStackTraceContaining("ops.calendar.business"));
        runner.withPropertyValues("ops.sla.n2-troubleshooting=0s").run(context -> assertThat(context)
                .hasFailed().getFailure().hasStackTraceContaining("ops.sla.n2-troubleshooting"));
        runner.withPropertyValues("ops.contract.termination-notice=-5d").run(context -> assertThat(context)
                .hasFailed().getFailure().hasStackTraceContaining("ops.contract.termination-notice"));
        runner.withPropertyValues("ops.calendar.n2.opens=7h").run(context -> assertThat(context)
                .hasFailed().getFailure().hasStackTraceContaining("ops.calendar.n2.opens"));
    }
}
