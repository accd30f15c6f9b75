package fr.progerance.ops.update.process;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * RD-ps: the servers UpdateWatch checks: those of an ACTIVE contract (a suspended client's shop is
 * left alone, R7.3) whose admin directory is known in the register (PrestaShop's update assistant
 * needs it). Read from the register's tables; the BPMN reads {@code ${watchedServers.ids()}}.
 */
@Component("watchedServers")
public class WatchedServers {

    private final JdbcTemplate jdbc;

    public WatchedServers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Their ids, in ascending order. */
    public List<Long> ids() {
        return jdbc.queryForList("select s.id from ops_server s join ops_contract c on c.id = s.contract_id"
                + " where c.status = 'ACTIVE' and s.admin_directory is not null order by s.id", Long.class);
    }
}
