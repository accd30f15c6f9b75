package fr.progerance.ops.monitoring.probe;

import fr.progerance.ops.contract.RegisterSettings;
import fr.progerance.ops.remote.RemoteExecutor;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The probes' beans, built from {@code ops.probe} and the register's address policy. */
@Configuration(proxyBeanMethods = false)
public class ProbeConfiguration {

    @Bean(destroyMethod = "close")
    HttpProbe httpProbe(ProbeSettings settings, RegisterSettings register, Clock clock) {
        return new HttpProbe(settings.getHttpTimeout(), settings.getResponseTimeWarning(),
                settings.getCertificateWarning(), HttpProbe.sslContext(settings.getTrustStore(),
                        settings.getTrustStoreType(), settings.getTrustStorePasswordFile()),
                register.addressPolicy(), clock, settings.getCheckPoolSize());
    }

    @Bean
    TcpProbe tcpProbe(ProbeSettings settings, RegisterSettings register, Clock clock) {
        return new TcpProbe(settings.getTcpTimeout(), register.addressPolicy(), clock);
    }

    @Bean
    SshProbe sshProbe(RemoteExecutor remote, ProbeSettings settings, Clock clock) {
        return new SshProbe(remote, clock, settings.getDbConnectionsWarningPercent());
    }

    @Bean(destroyMethod = "close")
    RoundRunner roundRunner(HttpProbe http, TcpProbe tcp, SshProbe ssh, ProbeSettings settings, Clock clock) {
        return new RoundRunner(http, tcp, ssh, settings, clock);
    }

    @Bean
    ServerProber serverProber(MonitoringConfigurations configurations, RoundRunner runner, ProbeHistory history,
            ProbeMetrics metrics, ObjectProvider<ProbeRoundListener> listeners) {
        return new ServerProber(configurations, runner, history, metrics, listeners);
    }
}
