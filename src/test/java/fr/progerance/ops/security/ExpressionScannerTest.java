package fr.progerance.ops.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.progerance.ops.security.ExpressionScanner.Allowance;
import fr.progerance.ops.security.ExpressionScanner.Findings;
import fr.progerance.ops.web.FieldProblem;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Issue 7, section 1: what the expression guard finds, without a server. */
class ExpressionScannerTest {

    @Test
    @DisplayName("Issue 7: every expression of a JSON body is found and named by its path, at any depth and in any encoding")
    void jsonPaths() {
        Findings f = new Findings();
        boolean json = ExpressionScanner.scanJson(("{\"orQueries\":[{\"dueAfterExpression\":\"${x}\"},{\"a\":[1,{\"b\":\"#{y}\"}]}],"
                + "\"${key}\":1,\"plain\":\"$ { not one\",\"objExpression\":{\"c\":2}}").getBytes(StandardCharsets.UTF_8),
                Allowance.NONE, f);
        assertThat(json).isTrue();
        assertThat(f.expressions()).extracting(FieldProblem::field).containsExactly(
                "orQueries[0].dueAfterExpression", "orQueries[1].a[1].b", "${key}", "objExpression");
        Findings utf16 = new Findings();
        ExpressionScanner.scanJson("{\"n\":\"${x}\"}".getBytes(StandardCharsets.UTF_16BE), Allowance.NONE, utf16);
        assertThat(utf16.expressions()).extracting(FieldProblem::field).containsExactly("n");
    }

    @Test
    @DisplayName("Issue 7: what precedes a JSON syntax error is still scanned, and the body is reported as not JSON")
    void brokenJson() {
        Findings f = new Findings();
        assertThat(ExpressionScanner.scanJson("{\"aExpression\":\"x\"} trailing".getBytes(StandardCharsets.UTF_8),
                Allowance.NONE, f)).isFalse();
        assertThat(f.expressions()).extracting(FieldProblem::field).containsExactly("aExpression");
    }

    @Test
    @DisplayName("Issue 7: a stored filter's definition may hold ${currentUser()} and ${currentUserGroups()} only, "
            + "in its query and or-queries only")
    void storedFilterAllowance() {
        String body = "{\"name\":\"f\",\"query\":{\"assigneeExpression\":\"${currentUser()}\",\"orQueries\":[{"
                + "\"candidateGroupsExpression\":\"${currentUserGroups()}\"}]}}";
        Findings allowed = new Findings();
        ExpressionScanner.scanJson(body.getBytes(StandardCharsets.UTF_8), Allowance.STORED_FILTER, allowed);
        assertThat(allowed.hasExpressions()).isFalse();
        Findings elsewhere = new Findings();
        ExpressionScanner.scanJson(body.getBytes(StandardCharsets.UTF_8), Allowance.NONE, elsewhere);
        assertThat(elsewhere.expressions()).hasSize(2);
        for (String refused : List.of(
                "{\"query\":{\"assigneeExpression\":\"${currentUser().getClass()}\"}}",
                "{\"query\":{\"dueAfterExpression\":\"${now()}\"}}",
                "{\"query\":{\"x\":{\"assigneeExpression\":\"${currentUser()}\"}}}",
                "{\"assigneeExpression\":\"${currentUser()}\"}",
                "{\"query\":{\"assignee\":\"${currentUser()}\"}}")) {
            Findings f = new Findings();
            ExpressionScanner.scanJson(refused.getBytes(StandardCharsets.UTF_8), Allowance.STORED_FILTER, f);
            assertThat(f.hasExpressions()).as(refused).isTrue();
        }
    }

    @Test
    @DisplayName("Issue 7: query strings and forms are decoded before the check (%24%7B, +), names too; bad encoding is unreadable")
    void pairs() {
        Findings f = new Findings();
        ExpressionScanner.scanPairs("a=%24%7Bx%7D&dueAfterExpression=1&b=ok&c=%23%7By%7D&n%24%7Bz%7D=1&plain=%24+%7B",
                StandardCharsets.UTF_8, f);
        assertThat(f.expressions()).extracting(FieldProblem::field).containsExactly("a", "dueAfterExpression", "c", "n${z}");
        Findings bad = new Findings();
        ExpressionScanner.scanPairs("a=%zz", StandardCharsets.UTF_8, bad);
        assertThat(bad.isUnreadable()).isTrue();
    }

    @Test
    @DisplayName("Answers stay small: at most 20 problems, names quoted up to 80 characters without control characters")
    void boundedAnswers() {
        StringBuilder body = new StringBuilder("{");
        for (int i = 0; i < 100; i++) {
            body.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"${x}\"");
        }
        Findings f = new Findings();
        ExpressionScanner.scanJson(body.append('}').toString().getBytes(StandardCharsets.UTF_8), Allowance.NONE, f);
        assertThat(f.expressions()).hasSize(ExpressionScanner.MAX_PROBLEMS);
        assertThat(ExpressionScanner.quote("a".repeat(500) + "\n")).hasSize(83);
        assertThat(ExpressionScanner.quote("x\u001b[31m")).isEqualTo("x?[31m");
    }

    @Test
    @DisplayName("Issue 7: a servlet mapping is covered only when every path it serves passes the guard's URL patterns")
    void mappingCoverage() {
        List<String> guard = List.of("/engine-rest/*", "/camunda/api/*");
        assertThat(ExpressionGuard.coversMapping(guard, "/engine-rest/*")).isTrue();
        assertThat(ExpressionGuard.coversMapping(guard, "/camunda/api/engine/*")).isTrue();
        assertThat(ExpressionGuard.coversMapping(guard, "/camunda/api")).isTrue();
        assertThat(ExpressionGuard.coversMapping(guard, "/camunda/apix/*")).isFalse();
        assertThat(ExpressionGuard.coversMapping(guard, "/camunda/*")).isFalse();
        assertThat(ExpressionGuard.coversMapping(guard, "/*")).isFalse();
        assertThat(ExpressionGuard.coversMapping(guard, "/")).isFalse();
        assertThat(ExpressionGuard.coversMapping(guard, "*.json")).isFalse();
        assertThat(ExpressionGuard.coversPath(guard, "/engine-rest")).isTrue();
        assertThat(ExpressionGuard.coversPath(guard, "/engine-restx/task")).isFalse();
    }
}
