package fr.progerance.ops.incident;

import static org.assertj.core.api.Assertions.assertThat;

import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.contract.RegisterApi;
import fr.progerance.ops.incident.IncidentHandlingProcess.Elements;
import fr.progerance.ops.incident.IncidentHandlingProcess.Vars;
import fr.progerance.ops.security.OpsGroups;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What an ops person sees: Camunda Tasklist in a real headless Chromium, logging in, opening the
 * take-charge task of an incident started through the API, its Camunda Form rendered with the
 * incident's context and deadline, and completing it.
 */
@OpsSpringBootTest
class TasklistBrowserTest {

    private static final String USER = "tasklistops";
    private static final String PASSWORD = "tasklist-ops-password";
    private static WebDriver browser;

    @LocalServerPort
    int port;

    @Autowired
    IdentityService identity;

    @Autowired
    TaskService tasks;

    @Autowired
    RuntimeService runtime;

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

    @AfterEach
    void screenshot(TestInfo info) throws IOException {
        if (browser != null) {
            Path dir = Files.createDirectories(Path.of("target", "tasklist-screenshots"));
            String name = info.getTestMethod().orElseThrow().getName();
            Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            Files.writeString(dir.resolve(name + ".html"), browser.getPageSource());
        }
    }

    @Test
    @DisplayName("R4.3-p1: ops open the take-charge task in Tasklist, see its form with the deadline, and complete it")
    void takeChargeInTasklist() throws Exception {
        opsUser();
        String pid = startIncident();
        Task takeCharge = tasks.createTaskQuery().processInstanceId(pid).taskDefinitionKey(Elements.TAKE_CHARGE)
                .singleResult();

        String base = "http://localhost:" + port + "/camunda/app/tasklist/default/";
        browser.get(base);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model='username']")))
                .sendKeys(USER);
        browser.findElement(By.cssSelector("input[ng-model='password']")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("button[type='submit']")).click();

        // Tasklist opens on the ops group's filter, which lists the task by its name.
        // (Other tests of the shared context leave tasks too: the filter shows a count, the list may scroll.)
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//*[starts-with(normalize-space(),'Tasks for my groups')]"))).click();
        WebElement listed = wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
                "//a[contains(@href,'task=" + takeCharge.getId() + "')]")));
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "arguments[0].scrollIntoView({block: 'center'});", listed);
        assertThat(listed.getText()).contains("Take charge of the incident");
        wait.until(ExpectedConditions.elementToBeClickable(listed)).click();
        WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fjs-form")));
        wait.until(d -> form.getText().contains("Cause"));
        String number = (String) runtime.getVariable(pid, Vars.INCIDENT_NUMBER);
        assertThat(fieldValue(form, "incidentNumber")).isEqualTo(number);
        assertThat(fieldValue(form, "slaRule")).isEqualTo("R4.3-p1");
        assertThat(fieldValue(form, "interventionDue")).as("the deadline is shown in the form").isNotBlank();

        // Tasklist shows the due date; ops claim the task, pick the cause in the form and complete it.
        assertThat(browser.findElement(By.cssSelector("body")).getText()).contains("Due in");
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[self::a or self::button][normalize-space()='Claim']"))).click();
        wait.until(d -> USER.equals(tasks.createTaskQuery().taskId(takeCharge.getId()).singleResult().getAssignee()));
        WebElement cause = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(".fjs-form-field-select .fjs-input-group, .fjs-form-field-select input")));
        clickOnceFree(wait, cause);
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//*[contains(@class,'fjs-dropdownlist-item')][starts-with(normalize-space(),'SYSTEM')]"))).click();
        WebElement complete = wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//button[normalize-space()='Complete']")));
        clickOnceFree(wait, complete);

        wait.until(d -> tasks.createTaskQuery().taskId(takeCharge.getId()).count() == 0);
        assertThat(runtime.getVariable(pid, Vars.CAUSE_CATEGORY)).isEqualTo("SYSTEM");
        assertThat(tasks.createTaskQuery().processInstanceId(pid).taskDefinitionKey(Elements.CHOOSE_REMEDIATION)
                .count()).isEqualTo(1);
    }

    /**
     * Scrolls {@code element} to the middle of the view and clicks it, again while Tasklist's
     * re-rendering (after the claim, with many tasks listed by the shared context's other tests)
     * still lays another element over it.
     */
    private static void clickOnceFree(WebDriverWait wait, WebElement element) {
        wait.ignoring(org.openqa.selenium.ElementClickInterceptedException.class).until(d -> {
            ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                    "arguments[0].scrollIntoView({block: 'center'});", element);
            element.click();
            return true;
        });
    }

    private static String fieldValue(WebElement form, String key) {
        List<WebElement> inputs = form.findElements(By.cssSelector("[name='" + key + "'], #fjs-form-" + key));
        if (inputs.isEmpty()) {
            inputs = form.findElements(By.xpath(".//*[contains(@id,'" + key + "')]"));
        }
        assertThat(inputs).as("a field '%s' in the form", key).isNotEmpty();
        return inputs.get(0).getAttribute("value");
    }

    private void opsUser() {
        if (identity.createUserQuery().userId(USER).count() == 0) {
            User u = identity.newUser(USER);
            u.setFirstName("Tasklist");
            u.setLastName("Ops");
            u.setPassword(PASSWORD);
            identity.saveUser(u);
            identity.createMembership(USER, OpsGroups.OPS);
        }
    }

    /** A level-1 PROGERANCE incident on a loopback server whose SSH and shop ports are closed. */
    private String startIncident() {
        return runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(new RegisterApi(port).reportIncidentOnAClosedServer()).singleResult().getId();
    }
}
