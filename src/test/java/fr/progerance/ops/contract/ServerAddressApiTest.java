package fr.progerance.ops.contract;

import static fr.progerance.ops.contract.RegisterApi.fields;
import static fr.progerance.ops.contract.RegisterApi.serverBody;
import static fr.progerance.ops.contract.RegisterApi.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestApi;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 7 (6): the register refuses server addresses and shop URLs the engine must never connect to
 * (the cloud metadata address 169.254.169.254 first), with the field named and nothing saved.
 */
@OpsSpringBootTest
class ServerAddressApiTest {

    /** Refused even with the test profile's ops.register.allow-loopback-addresses; no private range is allowed. */
    static final List<String> REFUSED = List.of("169.254.169.254", "169.254.1.1", "fe80::1", "fd00:ec2::254",
            "::ffff:169.254.169.254", "224.0.0.1", "ff02::1", "0.0.0.0", "::", "255.255.255.255", "10.1.2.3",
            "192.168.1.10", "172.16.0.1", "fd12:3456::1", "100.100.100.200", "metadata.google.internal");

    @LocalServerPort
    int port;

    RegisterApi register;
    TestApi api;

    @BeforeEach
    void setUp() {
        register = new RegisterApi(port);
        api = register.api;
    }

    private static String url(String address) {
        return "http://" + (address.contains(":") ? "[" + address + "]" : address) + "/";
    }

    @Test
    @DisplayName("Issue 7: a server address or shop URL of 169.254.169.254 (cloud metadata) is refused, the field named; nothing is saved")
    void metadataAddress() {
        long contract = register.createContract(register.createClient());
        String list = "/api/servers?contractId=" + contract;
        TestApi.Answer address = api.post("/api/servers", with(serverBody(contract, "PROGERANCE"),
                "address", "169.254.169.254"));
        assertThat(address.status()).as(address.toString()).isEqualTo(400);
        assertThat(fields(address)).containsExactly("address");
        assertThat(address.json().at("/problems/0/message").asText())
                .isEqualTo("is a cloud metadata address: never a managed server");
        TestApi.Answer shop = api.post("/api/servers", with(serverBody(contract, "PROGERANCE"),
                "prestashopUrl", "http://169.254.169.254/latest/meta-data/"));
        assertThat(shop.status()).as(shop.toString()).isEqualTo(400);
        assertThat(fields(shop)).containsExactly("prestashopUrl");
        assertThat(shop.json().at("/problems/0/message").asText())
                .isEqualTo("host is a cloud metadata address: never a managed server");
        assertThat(api.get(list).json().size()).isZero();

        Map<String, Object> request = serverBody(contract, "PROGERANCE");
        long id = RegisterApi.created(api.post("/api/servers", request));
        JsonNode before = api.get("/api/servers/" + id).json();
        TestApi.Answer update = api.put("/api/servers/" + id, with(request, "address", "169.254.169.254",
                "prestashopUrl", "http://169.254.169.254/"));
        assertThat(fields(update)).containsExactlyInAnyOrder("address", "prestashopUrl");
        assertThat(api.get("/api/servers/" + id).json()).isEqualTo(before);
    }

    @Test
    @DisplayName("Issue 7: link-local, multicast, unspecified, broadcast, metadata and private addresses are refused as server addresses and shop hosts")
    void refusedAddresses() {
        long contract = register.createContract(register.createClient());
        String list = "/api/servers?contractId=" + contract;
        for (String refused : REFUSED) {
            TestApi.Answer address = api.post("/api/servers", with(serverBody(contract, "TIERCE"), "address", refused));
            assertThat(address.status()).as(refused + ": " + address).isEqualTo(400);
            assertThat(fields(address)).as(refused).containsExactly("address");
            TestApi.Answer shop = api.post("/api/servers", with(serverBody(contract, "TIERCE"),
                    "prestashopUrl", url(refused)));
            assertThat(shop.status()).as(refused + ": " + shop).isEqualTo(400);
            assertThat(fields(shop)).as(refused).containsExactly("prestashopUrl");
        }
        assertThat(api.get(list).json().size()).isZero();
        TestApi.Answer privateAddress = api.post("/api/servers", with(serverBody(contract, "TIERCE"),
                "address", "10.1.2.3"));
        assertThat(privateAddress.json().at("/problems/0/message").asText()).isEqualTo("is a private address"
                + " (10.0.0.0/8) outside ops.register.allowed-private-ranges (none allowed): list the range of your"
                + " private servers there");
    }
}
