package fr.progerance.ops.contract;

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

/**
 * {@code /api/contracts}. The terms change with {@code PUT /api/contracts/{id}}; the status only
 * with {@code PUT /api/contracts/{id}/status} and a body {@code {"status": "ACTIVE"}}, so that a
 * life-cycle move is an explicit act checked on its own (R3.4 on activation) and a terms update
 * never moves the status by accident.
 */
@RestController
@RequestMapping(path = "/api/contracts", produces = MediaType.APPLICATION_JSON_VALUE)
class ContractController {

    private final ContractService service;

    ContractController(ContractService service) {
        this.service = service;
    }

    @GetMapping
    List<ContractView> list(@RequestParam(required = false) Long clientId) {
        return service.list(clientId);
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ContractView> create(@RequestBody ContractRequest request) {
        ContractView created = service.create(request);
        return ResponseEntity.created(ClientController.location(created.id())).body(created);
    }

    @GetMapping("/{id}")
    ContractView get(@PathVariable Long id) {
        return service.get(id);
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ContractView update(@PathVariable Long id, @RequestBody ContractRequest request) {
        return service.update(id, request);
    }

    @PutMapping(path = "/{id}/status", consumes = MediaType.APPLICATION_JSON_VALUE)
    ContractView changeStatus(@PathVariable Long id, @RequestBody StatusChange request) {
        return service.changeStatus(id, request);
    }
}
