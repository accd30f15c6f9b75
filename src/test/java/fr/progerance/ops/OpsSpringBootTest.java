package fr.progerance.ops;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on a random port, with the {@code test} profile (in-memory H2, the
 * administrator {@code testadmin} / {@code test-admin-secret}) and the test peers of
 * {@link TestPeers} (a movable clock, a switchable remote executor). Every test class using it
 * shares one Spring context, so keep extra properties off this annotation's users.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = OpsEngineApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestPeers.class)
public @interface OpsSpringBootTest {
}
