package fr.progerance.ops.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A user whose password Camunda's identity service accepted, with the Camunda groups and tenants
 * the engine sees for the request. The groups are the authorities (the plain group ids, as
 * {@link OpsGroups} names them); no password is kept.
 */
public final class CamundaUserAuthentication extends AbstractAuthenticationToken {

    private final String userId;
    private final List<String> groupIds;
    private final List<String> tenantIds;

    public CamundaUserAuthentication(String userId, List<String> groupIds, List<String> tenantIds) {
        super(groupIds.stream().map(SimpleGrantedAuthority::new).toList());
        this.userId = userId;
        this.groupIds = List.copyOf(groupIds);
        this.tenantIds = List.copyOf(tenantIds);
        setAuthenticated(true);
    }

    public String userId() {
        return userId;
    }

    public List<String> groupIds() {
        return groupIds;
    }

    public List<String> tenantIds() {
        return tenantIds;
    }

    @Override
    public Object getPrincipal() {
        return userId;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public String getName() {
        return userId;
    }
}
