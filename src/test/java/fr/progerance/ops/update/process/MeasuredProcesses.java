package fr.progerance.ops.update.process;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The processes whose coverage a flow test class's gate measures ({@link UpdateFlowCoverage}). */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@interface MeasuredProcesses {

    /** Process definition keys. */
    String[] value();
}
