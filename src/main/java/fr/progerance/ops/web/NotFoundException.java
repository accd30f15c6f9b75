package fr.progerance.ops.web;

/** Answered as 404: the addressed record does not exist. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what, Object id) {
        super(what + " " + id + " does not exist");
    }
}
