package fr.progerance.ops.contract;

import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code /api/clients} and their contacts. Bodies are validated by the service (all problems at
 * once), not with {@code @Valid} here, so that Bean Validation and domain problems come together.
 */
@RestController
@RequestMapping(path = "/api/clients", produces = MediaType.APPLICATION_JSON_VALUE)
class ClientController {

    private final ClientService service;

    ClientController(ClientService service) {
        this.service = service;
    }

    @GetMapping
    List<ClientView> list() {
        return service.list();
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ClientView> create(@RequestBody ClientRequest request) {
        ClientView created = service.create(request);
        return ResponseEntity.created(location(created.id())).body(created);
    }

    @GetMapping("/{id}")
    ClientView get(@PathVariable Long id) {
        return service.get(id);
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ClientView update(@PathVariable Long id, @RequestBody ClientRequest request) {
        return service.update(id, request);
    }

    @GetMapping("/{id}/contacts")
    List<ContactView> contacts(@PathVariable Long id) {
        return service.contacts(id);
    }

    @PostMapping(path = "/{id}/contacts", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ContactView> createContact(@PathVariable Long id, @RequestBody ContactRequest request) {
        ContactView created = service.createContact(id, request);
        return ResponseEntity.created(location(created.id())).body(created);
    }

    @GetMapping("/{id}/contacts/{contactId}")
    ContactView contact(@PathVariable Long id, @PathVariable Long contactId) {
        return service.contact(id, contactId);
    }

    @PutMapping(path = "/{id}/contacts/{contactId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ContactView updateContact(@PathVariable Long id, @PathVariable Long contactId,
            @RequestBody ContactRequest request) {
        return service.updateContact(id, contactId, request);
    }

    /** The created resource: the request's URL plus the new id. */
    static URI location(Long id) {
        return ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{id}").buildAndExpand(id).toUri();
    }
}
