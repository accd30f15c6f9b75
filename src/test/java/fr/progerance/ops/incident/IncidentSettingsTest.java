package fr.progerance.ops.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** DESIGN rule 12: the settings that end the waits on the client and the hoster. */
class IncidentSettingsTest {

    @Test
    @DisplayName("RD-extra: 7 days of quote validity and a reminder every 48 h give three reminders before the expiry")
    void quoteReminders() {
        IncidentSettings settings = new IncidentSettings();
        settings.validate();
        assertThat(settings.getQuoteReminderCycle()).isEqualTo("R3/PT48H");
        settings.setQuoteValidity(Duration.ofHours(96));
        assertThat(settings.getQuoteReminderCycle()).as("a reminder at the expiry itself is none").isEqualTo("R1/PT48H");
    }

    @Test
    @DisplayName("R4.2: the hoster is reminded every follow-up interval while the coordination lasts")
    void hosterReminders() {
        assertThat(new IncidentSettings().getHosterReminderCycle()).isEqualTo("R/PT2H");
    }

    @Test
    @DisplayName("A wait without a reminder, or a task without a due date, is refused at start with the setting's name")
    void refusedSettings() {
        IncidentSettings noReminder = new IncidentSettings();
        noReminder.setQuoteReminderInterval(Duration.ofDays(7));
        assertThatThrownBy(noReminder::validate).hasMessageContaining("ops.incident.quote-reminder-interval");
        IncidentSettings zero = new IncidentSettings();
        zero.setHosterFollowUp(Duration.ZERO);
        assertThatThrownBy(zero::validate).hasMessageContaining("ops.incident.hoster-follow-up");
    }
}
