package fr.progerance.ops.notify;

/** How an answer reached the engine. */
public enum AnswerChannel {
    /** The client used the signed link. */
    LINK,
    /** The client phoned; an ops member recorded the answer. */
    PHONE
}
