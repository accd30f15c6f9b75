package fr.progerance.ops.notify;

import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Wires mail and signed client links. The SMTP client is Spring Boot's (present when
 * {@code spring.mail.host} is set); without it the {@link Mailer} still starts and every send
 * fails with {@link MailDeliveryException}, so jobs retry until SMTP is configured.
 */
@Configuration(proxyBeanMethods = false)
class NotifyConfiguration {

    @Bean
    SignedLinks signedLinks(LinkSettings settings, Environment environment, Clock clock) {
        Path dataDir = Path.of(environment.getProperty("ops.data-dir", "./data"));
        return new SignedLinks(LinkSecret.resolve(settings.getSecret(), dataDir), clock);
    }

    @Bean
    MailTemplates mailTemplates() {
        return new MailTemplates();
    }

    @Bean
    Mailer mailer(ObjectProvider<JavaMailSender> sender, MailTemplates templates, DataSource dataSource,
            PlatformTransactionManager transactionManager, MailSettings settings, Clock clock) {
        JavaMailSender smtp = sender.getIfAvailable();
        if (smtp instanceof JavaMailSenderImpl impl) {
            Mailer.applyDefaultTimeouts(impl.getJavaMailProperties());
        }
        return new Mailer(() -> smtp, templates, dataSource, transactionManager, settings, clock);
    }

    @Bean
    ClientDecisions clientDecisions(ClientDecisionRepository repository, SignedLinks links,
            DecisionCorrelator correlator, MailSettings mailSettings, LinkSettings linkSettings, Clock clock,
            PlatformTransactionManager transactionManager) {
        return new ClientDecisions(repository, links, correlator, mailSettings, linkSettings, clock, transactionManager);
    }

    @Bean
    FilterRegistrationBean<DecisionPageHeaders> decisionPageHeaders() {
        FilterRegistrationBean<DecisionPageHeaders> registration = new FilterRegistrationBean<>(new DecisionPageHeaders());
        registration.setName("ops-decision-page-headers");
        registration.addUrlPatterns("/decisions/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }
}
