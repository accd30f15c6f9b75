package fr.progerance.ops.contract;

import static fr.progerance.ops.contract.RegisterApi.created;
import static fr.progerance.ops.contract.RegisterApi.fields;
import static fr.progerance.ops.contract.RegisterApi.problemsText;
import static fr.progerance.ops.contract.RegisterApi.serverBody;
import static fr.progerance.ops.contract.RegisterApi.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestApi;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** RD-ps: the register keeps each shop's back-office directory, the update assistant's argument (DESIGN rule 8). */
@OpsSpringBootTest
@DisplayName("RD-ps: a server's admin directory in the register")
class ServerAdminDirectoryApiTest {

    @LocalServerPort
    int port;
    @Autowired
    ServerRepository servers;

    RegisterApi register;
    TestApi api;

    @BeforeEach
    void setUp() {
        register = new RegisterApi(port);
        api = register.api;
    }

    @Test
    @DisplayName("RD-ps: the admin directory is optional, set, shown, replaced and cleared by a PUT like every field")
    void setShownCleared() {
        long contractId = register.createContract(register.createClient());
        Map<String, Object> plain = serverBody(contractId, "PROGERANCE");
        long id = created(api.post("/api/servers", plain));
        assertThat(api.get("/api/servers/" + id).json().get("adminDirectory").isNull()).as("not known").isTrue();

        TestApi.Answer set = api.put("/api/servers/" + id, with(plain, "adminDirectory", "admin4f7k2q"));
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(set.json().get("adminDirectory").asText()).isEqualTo("admin4f7k2q");
        assertThat(api.get("/api/servers/" + id).json().get("adminDirectory").asText()).isEqualTo("admin4f7k2q");
        assertThat(servers.findByAdminDirectoryIsNotNullOrderByIdAsc()).extracting(Server::getId).contains(id);

        long withIt = created(api.post("/api/servers", with(serverBody(contractId, "TIERCE"),
                "adminDirectory", "_admin-dev_2")));
        assertThat(api.get("/api/servers/" + withIt).json().get("adminDirectory").asText()).isEqualTo("_admin-dev_2");

        // a PUT replaces every field; empty is the same as absent
        TestApi.Answer empty = api.put("/api/servers/" + id, with(plain, "adminDirectory", ""));
        assertThat(empty.status()).as(empty.toString()).isEqualTo(200);
        assertThat(empty.json().get("adminDirectory").isNull()).isTrue();
        api.put("/api/servers/" + id, with(plain, "adminDirectory", "admin4f7k2q"));
        JsonNode cleared = api.put("/api/servers/" + id, plain).json();
        assertThat(cleared.get("adminDirectory").isNull()).isTrue();
        assertThat(servers.findByAdminDirectoryIsNotNullOrderByIdAsc()).extracting(Server::getId)
                .doesNotContain(id).contains(withIt);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"-admin", "--help", "admin/x", "../admin", "admin x", " admin", "admin;id", "$(id)",
        "admin'", "admin.old", "adm\u00efn", "admin\n", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    @DisplayName("RD-ps, DESIGN rule 8: a bad admin directory is a 400 naming the field, and nothing changes")
    void refused(String adminDirectory) {
        long contractId = register.createContract(register.createClient());
        Map<String, Object> plain = serverBody(contractId, "PROGERANCE");
        TestApi.Answer answer = api.post("/api/servers", with(plain, "adminDirectory", adminDirectory));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(fields(answer)).containsExactly("adminDirectory");
        assertThat(problemsText(answer)).contains("not starting with '-'");
        assertThat(api.get("/api/servers?contractId=" + contractId).json().size()).isZero();

        long id = created(api.post("/api/servers", with(plain, "adminDirectory", "admin4f7k2q")));
        JsonNode before = api.get("/api/servers/" + id).json();
        TestApi.Answer refused = api.put("/api/servers/" + id, with(plain, "adminDirectory", adminDirectory,
                "address", "shop.example.org"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(fields(refused)).containsExactly("adminDirectory");
        assertThat(api.get("/api/servers/" + id).json()).isEqualTo(before);
    }
}
