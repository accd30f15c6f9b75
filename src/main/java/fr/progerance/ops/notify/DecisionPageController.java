package fr.progerance.ops.notify;

import fr.progerance.ops.notify.Outcome.Result;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The client's decision pages, French first, reachable without login: the signed token in the URL
 * is the authority. {@code GET /decisions/{token}} shows the question and two POST forms (a GET
 * never decides anything, so link scanners and previews are harmless); {@code POST
 * /decisions/{token}} with {@code answer=APPROVE|DECLINE} decides. Refusals answer 400 (invalid
 * link or answer), 404 (unknown), 409 (already answered), 410 (expired, cancelled, no longer
 * awaited) or 503 (busy, try again) with a page that says so and shows nothing beyond the
 * question. Headers: {@link DecisionPageHeaders}.
 */
@Controller
@RequestMapping("/decisions")
class DecisionPageController {

    private static final Logger LOG = LoggerFactory.getLogger(DecisionPageController.class);

    private final ClientDecisions decisions;
    private final String supportAddress;

    DecisionPageController(ClientDecisions decisions, MailSettings mailSettings) {
        this.decisions = decisions;
        this.supportAddress = supportAddress(mailSettings.getFrom());
    }

    @GetMapping("/{token}")
    ModelAndView page(@PathVariable String token, @RequestParam(name = "answer", required = false) String preselected,
            HttpServletRequest request, HttpServletResponse response) {
        Outcome outcome = decisions.lookup(token);
        if (outcome.result() != Result.OPEN) {
            return refused(outcome, request, response);
        }
        ModelAndView page = view("notify/decision", HttpStatus.OK, request);
        ClientDecision d = outcome.decision();
        page.addObject("token", token);
        page.addObject("question", d.getQuestion());
        page.addObject("details", ClientDecisions.paragraphs(d.getDetails()));
        page.addObject("expiresAt", decisions.frenchDateTime(d.getExpiresAt()));
        page.addObject("preselected", parse(preselected));
        return page;
    }

    @PostMapping("/{token}")
    ModelAndView answer(@PathVariable String token, @RequestParam(name = "answer", required = false) String answer,
            HttpServletRequest request, HttpServletResponse response) {
        Answer parsed = parse(answer);
        if (parsed == null) {
            // Nothing decided; check the link first so that a bad link gets its own page.
            Outcome outcome = decisions.lookup(token);
            if (outcome.result() != Result.OPEN) {
                return refused(outcome, request, response);
            }
            ModelAndView page = message(HttpStatus.BAD_REQUEST, "Réponse non reconnue",
                    "Votre réponse n'a pas été comprise et rien n'a été enregistré. Revenez à la demande et "
                            + "utilisez le bouton « Approuver » ou « Refuser ».",
                    "Your answer was not understood; nothing was recorded.", request);
            page.addObject("backUrl", request.getRequestURI());
            return page;
        }
        Outcome outcome = decisions.answer(token, parsed, request.getRemoteAddr());
        if (!outcome.recorded()) {
            return refused(outcome, request, response);
        }
        ModelAndView page = view("notify/decision-answered", HttpStatus.OK, request);
        ClientDecision d = outcome.decision();
        page.addObject("approved", d.getStatus() == DecisionStatus.APPROVED);
        page.addObject("question", d.getQuestion());
        page.addObject("answeredAt", decisions.frenchDateTime(d.getAnsweredAt()));
        return page;
    }

    private ModelAndView refused(Outcome outcome, HttpServletRequest request, HttpServletResponse response) {
        ClientDecision d = outcome.decision();
        return switch (outcome.result()) {
            case INVALID_LINK -> message(HttpStatus.BAD_REQUEST, "Lien non valide",
                    "Ce lien n'est pas valide : il est incomplet ou a été modifié. Ouvrez le lien exactement tel "
                            + "qu'il figure dans notre courriel, ou contactez le support.",
                    "This link is not valid (incomplete or altered).", request);
            case UNKNOWN -> message(HttpStatus.NOT_FOUND, "Demande introuvable",
                    "Cette demande n'existe pas ou plus. Si vous pensez qu'il s'agit d'une erreur, contactez le support.",
                    "This request does not exist.", request);
            case ALREADY_ANSWERED -> message(HttpStatus.CONFLICT, "Réponse déjà enregistrée",
                    "Une réponse a déjà été enregistrée pour cette demande : « "
                            + (d.getStatus() == DecisionStatus.APPROVED ? "Approuver" : "Refuser") + " », le "
                            + decisions.frenchDateTime(d.getAnsweredAt())
                            + ". Elle ne peut pas être modifiée par ce lien ; contactez le support si besoin.",
                    "An answer was already recorded for this request; it cannot be changed through this link.", request);
            case EXPIRED -> message(HttpStatus.GONE, "Lien expiré",
                    "Le délai pour répondre à cette demande est dépassé (il courait jusqu'au "
                            + decisions.frenchDateTime(d.getExpiresAt())
                            + "). Votre réponse n'a pas été enregistrée ; contactez le support.",
                    "The time to answer this request is over; nothing was recorded.", request);
            case CANCELLED -> message(HttpStatus.GONE, "Demande annulée",
                    "Cette demande a été annulée et n'attend plus de réponse. Rien n'a été enregistré.",
                    "This request was cancelled; nothing was recorded.", request);
            case NO_LONGER_OPEN -> message(HttpStatus.GONE, "Demande close",
                    "Cette demande n'est plus ouverte : la situation a évolué entre-temps. Votre réponse n'a pas "
                            + "été enregistrée ; contactez le support si besoin.",
                    "This request is no longer open; your answer was not recorded.", request);
            case BUSY -> {
                response.setHeader("Retry-After", "5");
                yield message(HttpStatus.SERVICE_UNAVAILABLE, "Réessayez dans un instant",
                        "Votre réponse n'a pas pu être enregistrée car la demande était en cours de mise à jour. "
                                + "Rien n'a été enregistré : revenez à la demande dans quelques secondes.",
                        "The request was being updated; nothing was recorded, try again in a few seconds.", request);
            }
            case OPEN, APPROVED, DECLINED -> throw new IllegalStateException("Not a refusal: " + outcome.result());
        };
    }

    /** Anything unexpected: the transaction was rolled back, say so without details. */
    @ExceptionHandler(Exception.class)
    ModelAndView failure(Exception e, HttpServletRequest request) {
        LOG.error("Decision page failed ({} {})", request.getMethod(), "/decisions/…", e);
        return message(HttpStatus.INTERNAL_SERVER_ERROR, "Erreur technique",
                "Une erreur technique nous a empêchés de traiter votre demande. Rien n'a été enregistré ; "
                        + "réessayez plus tard ou contactez le support.",
                "A technical error occurred; nothing was recorded.", request);
    }

    private ModelAndView message(HttpStatus status, String title, String text, String english, HttpServletRequest request) {
        ModelAndView page = view("notify/decision-refused", status, request);
        page.addObject("title", title);
        page.addObject("message", text);
        page.addObject("english", english);
        return page;
    }

    private ModelAndView view(String name, HttpStatus status, HttpServletRequest request) {
        ModelAndView page = new ModelAndView(name);
        page.setStatus(status);
        page.addObject("cspNonce", request.getAttribute(DecisionPageHeaders.NONCE_ATTRIBUTE));
        page.addObject("supportAddress", supportAddress);
        return page;
    }

    private static Answer parse(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Answer.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String supportAddress(String from) {
        try {
            return new InternetAddress(from).getAddress();
        } catch (AddressException e) {
            return from;
        }
    }
}
