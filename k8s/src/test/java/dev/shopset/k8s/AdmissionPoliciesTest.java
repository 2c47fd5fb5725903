package dev.shopset.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The approval admission policies (k8s/base/approvals/admission.yaml) evaluated with a CEL engine
 * (cel-java) against sample admission requests: who a Promotion or PromotionApproval says asked
 * must be who asked; only the watcher writes approvals from Slack.
 */
class AdmissionPoliciesTest {

  private static final Path FILE =
      Path.of("").toAbsolutePath().resolve("base/approvals/admission.yaml");
  private static final String WATCHER = "system:serviceaccount:shopset:watcher-service";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final CelCompiler COMPILER =
      CelCompilerFactory.standardCelCompilerBuilder()
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addVar("object", MapType.create(SimpleType.STRING, SimpleType.DYN))
          .addVar("request", MapType.create(SimpleType.STRING, SimpleType.DYN))
          .addVar("variables", MapType.create(SimpleType.STRING, SimpleType.DYN))
          .build();
  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

  @Test
  void anApprovalInYourOwnNameIsAdmitted() throws Exception {
    assertThat(denials("shopset-approval-identity", approval("alice", "shopctl", null), "alice"))
        .isEmpty();
  }

  @Test
  void anApprovalInSomeoneElsesNameIsRefusedWithWhoYouAre() throws Exception {
    assertThat(denials("shopset-approval-identity", approval("bob", "shopctl", null), "alice"))
        .containsExactly(
            "spec.approver must be you (alice): an approval is given in your own name (shopctl"
                + " approve fills it in)");
  }

  @Test
  void onlyTheWatcherWritesApprovalsFromSlack() throws Exception {
    assertThat(denials("shopset-approval-identity", approval("alice", "slack", null), "alice"))
        .containsExactly("only the watcher writes approvals given in Slack (spec.via: slack)");
    assertThat(denials("shopset-approval-identity", approval("bob", "slack", null), WATCHER))
        .isEmpty();
    assertThat(denials("shopset-approval-identity", approval("bob", "shopctl", null), WATCHER))
        .containsExactly("the watcher writes approvals from Slack only (spec.via: slack)");
  }

  @Test
  void approverGroupsMustBeGroupsYouAreIn() throws Exception {
    assertThat(
            denials(
                "shopset-approval-identity",
                approval("alice", "kubectl", List.of("release-managers")),
                "alice",
                "developers"))
        .containsExactly("spec.approverGroups may only name groups you are in");
    assertThat(
            denials(
                "shopset-approval-identity",
                approval("alice", null, List.of("release-managers")),
                "alice",
                "release-managers"))
        .isEmpty();
  }

  @Test
  void aPromotionIsRequestedInYourOwnName() throws Exception {
    assertThat(denials("shopset-promotion-requester", promotion("alice"), "alice")).isEmpty();
    assertThat(denials("shopset-promotion-requester", promotion("bob"), "alice"))
        .containsExactly(
            "spec.requestedBy must be you (alice): a Promotion is requested in your own name"
                + " (shopctl promote fills it in)");
    assertThat(denials("shopset-promotion-requester", promotion(null), "alice")).hasSize(1);
    assertThat(denials("shopset-promotion-requester", promotion("bob"), WATCHER)).isEmpty();
  }

  /**
   * The messages of the validations of {@code policy} that {@code object} fails as {@code user}.
   */
  private static List<String> denials(
      String policy, Map<String, Object> object, String user, String... groups) throws Exception {
    JsonNode spec = policy(policy).at("/spec");
    Map<String, Object> request =
        Map.of("userInfo", Map.of("username", user, "groups", List.of(groups)));
    Map<String, Object> variables = new HashMap<>();
    Map<String, Object> input = new HashMap<>();
    input.put("object", object);
    input.put("request", request);
    input.put("variables", variables);
    for (JsonNode variable : spec.path("variables")) {
      variables.put(
          variable.get("name").asText(), eval(variable.get("expression").asText(), input));
    }
    List<String> denials = new ArrayList<>();
    for (JsonNode validation : spec.path("validations")) {
      if (!Boolean.TRUE.equals(eval(validation.get("expression").asText(), input))) {
        denials.add(
            validation.has("messageExpression")
                ? (String) eval(validation.get("messageExpression").asText(), input)
                : validation.get("message").asText());
      }
    }
    return denials.stream().map(m -> m.replaceAll("\\s+", " ").strip()).toList();
  }

  private static Object eval(String expression, Map<String, Object> input) throws Exception {
    var ast = COMPILER.compile(expression).getAst();
    return RUNTIME.createProgram(ast).eval(input);
  }

  private static JsonNode policy(String name) throws Exception {
    for (JsonNode object : KafkaUsersTest.readAll(FILE)) {
      if (object.path("kind").asText().equals("ValidatingAdmissionPolicy")
          && object.at("/metadata/name").asText().equals(name)) {
        assertThat(object.at("/spec/failurePolicy").asText()).isEqualTo("Fail");
        return JSON.valueToTree(object);
      }
    }
    throw new AssertionError("No ValidatingAdmissionPolicy " + name + " in " + FILE);
  }

  private static Map<String, Object> approval(String approver, String via, List<String> groups) {
    Map<String, Object> spec = new HashMap<>();
    spec.put("promotion", "dev-to-prod-x1");
    spec.put("decision", "Approve");
    spec.put("approver", approver);
    if (via != null) {
      spec.put("via", via);
    }
    if (groups != null) {
      spec.put("approverGroups", groups);
    }
    return Map.of("spec", spec);
  }

  private static Map<String, Object> promotion(String requestedBy) {
    Map<String, Object> spec = new HashMap<>();
    spec.put("tier", "dev");
    if (requestedBy != null) {
      spec.put("requestedBy", requestedBy);
    }
    return Map.of("spec", spec);
  }
}
