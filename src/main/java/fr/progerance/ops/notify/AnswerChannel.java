package fr.progerance.ops.notify;

/** How an answer reached the engine. */
public enum AnswerChannel {
    /** The client used the signed link. */
    LINK,
    /** The client phoned; an ops member recorded the answer. */
    PHONE,
    /**
     * The client answered in writing (a mail, a letter: R4.3-t3 "written prior validation"); an ops
     * member recorded it with the reference of that writing (its date and sender).
     */
    WRITTEN
}
