package fr.progerance.ops.contract;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/servers} and the TIERCE onboarding checklist (R3.4, R6.8-a). */
@RestController
@RequestMapping(path = "/api/servers", produces = MediaType.APPLICATION_JSON_VALUE)
class ServerController {

    private final ServerService service;
    private final CurrentUser currentUser;

    ServerController(ServerService service, CurrentUser currentUser) {
        this.service = service;
        this.currentUser = currentUser;
    }

    @GetMapping
    List<ServerView> list(@RequestParam(required = false) Long contractId) {
        return service.list(contractId);
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ServerView> create(@RequestBody ServerRequest request) {
        ServerView created = service.create(request);
        return ResponseEntity.created(ClientController.location(created.id())).body(created);
    }

    @GetMapping("/{id}")
    ServerView get(@PathVariable Long id) {
        return service.get(id);
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ServerView update(@PathVariable Long id, @RequestBody ServerRequest request) {
        return service.update(id, request);
    }

    /** R3.4: TIERCE servers only; a PROGERANCE server answers 400. */
    @GetMapping("/{id}/prerequisites")
    PrerequisitesView prerequisites(@PathVariable Long id) {
        return service.prerequisites(id);
    }

    /** Records the listed items (others unchanged), checked by the authenticated user. */
    @PutMapping(path = "/{id}/prerequisites", consumes = MediaType.APPLICATION_JSON_VALUE)
    PrerequisitesView updatePrerequisites(@PathVariable Long id, @RequestBody PrerequisitesUpdate request,
            HttpServletRequest http) {
        return service.updatePrerequisites(id, request, currentUser.name(http));
    }
}
