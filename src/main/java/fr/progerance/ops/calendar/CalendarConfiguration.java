package fr.progerance.ops.calendar;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the contract's clocks: the single injectable {@link Clock} of the product (DESIGN "time has
 * one source"; tests replace it with a fixed clock) and the {@link WorkingCalendar} built from
 * {@code ops.calendar.*}. The settings are enabled here too so that slice tests importing this
 * class get them; the application's {@code @ConfigurationPropertiesScan} registers them only once.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({CalendarProperties.class, SlaProperties.class, ContractTermsProperties.class})
public class CalendarConfiguration {

    /** The system clock in the contract zone ({@code ops.calendar.zone}). */
    @Bean
    public Clock clock(CalendarProperties settings) {
        return Clock.system(settings.getZone());
    }

    @Bean
    public WorkingCalendar workingCalendar(CalendarProperties settings) {
        return WorkingCalendar.from(settings);
    }
}
