package fr.progerance.ops.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.contract.RegisterApi;
import fr.progerance.ops.incident.IncidentHandlingProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What ops and managers see in Cockpit with their least-privilege grants (README, authorization
 * matrix), in a real headless Chromium: the incident process among the processes, not a process
 * they do not work in, and an incident's instance with its variables.
 */
@OpsSpringBootTest
class CockpitBrowserTest {

    private static final String PASSWORD = "Cockpit-Test-Passw0rd-2026";
    private static final String OTHER_NAME = "Authorization test: a process ops do not work in";
    private static WebDriver browser;

    @LocalServerPort
    int port;

    @Autowired
    IdentityService identity;

    @Autowired
    RuntimeService runtime;

    @Autowired
    RepositoryService repository;

    @BeforeAll
    static void startBrowser() {
        browser = fr.progerance.ops.HeadlessChromium.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    @DisplayName("Ops and managers see the incident process and an incident's variables in Cockpit, not another process")
    void opsAndManagersInCockpit() throws Exception {
        repository.createDeployment().name("authz-matrix-other").addClasspathResource("security/authz-other.bpmn")
                .enableDuplicateFiltering(true).deploy();
        runtime.startProcessInstanceByKey(AuthorizationMatrixTest.OTHER_PROCESS);
        String pid = startIncident();
        String number = (String) runtime.getVariable(pid, IncidentHandlingProcess.Vars.INCIDENT_NUMBER);

        for (Map.Entry<String, String> who : Map.of("cockpitops", OpsGroups.OPS, "cockpitmanager", OpsGroups.MANAGERS)
                .entrySet()) {
            String user = who.getKey();
            ensureUser(user, who.getValue());
            String base = "http://localhost:" + port + "/camunda/app/cockpit/default/";
            browser.manage().deleteAllCookies();
            browser.get(base);
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model='username']")))
                    .sendKeys(user);
            browser.findElement(By.cssSelector("input[ng-model='password']")).sendKeys(PASSWORD);
            browser.findElement(By.cssSelector("button[type='submit']")).click();
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("input[ng-model='username']")));

            browser.get(base + "#/processes");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//a[normalize-space()='Incident handling']")));
            screenshot(user + "-processes");
            assertThat(browser.findElement(By.cssSelector("body")).getText()).as(user).doesNotContain(OTHER_NAME);

            browser.get(base + "#/process-instance/" + pid + "/runtime");
            wait.until(d -> d.findElement(By.cssSelector("body")).getText().contains(number));
            wait.until(d -> d.findElement(By.cssSelector("body")).getText().contains(IncidentHandlingProcess.Vars.INCIDENT_NUMBER));
            screenshot(user + "-instance");
            String page = browser.findElement(By.cssSelector("body")).getText();
            assertThat(page).as(user + ": no refusal shown").doesNotContainIgnoringCase("forbidden")
                    .doesNotContainIgnoringCase("not authorized");
        }
    }

    private void screenshot(String name) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "cockpit-screenshots"));
        Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        Files.writeString(dir.resolve(name + ".html"), browser.getPageSource());
    }

    private void ensureUser(String id, String group) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            User u = identity.newUser(id);
            u.setPassword(PASSWORD);
            identity.saveUser(u);
            identity.createMembership(id, group);
        }
    }

    /** A level-1 PROGERANCE incident on a loopback server whose SSH and shop ports are closed. */
    private String startIncident() {
        return runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(new RegisterApi(port).reportIncidentOnAClosedServer()).singleResult().getId();
    }
}
