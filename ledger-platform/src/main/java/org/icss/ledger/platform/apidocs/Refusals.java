package org.icss.ledger.platform.apidocs;

import org.icss.ledger.platform.ProblemType;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The problems an endpoint answers for its own reasons (a duplicate, a withdrawn audit, another member body's
 * organisation), beyond those every endpoint of its shape can give, which {@link ProblemDocumentation} adds itself (a body
 * that does not read, a bad parameter, a missing key, an unknown id in the path, ...). Each becomes a response of its
 * status in the service's OpenAPI description, naming its problem type.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Refusals {

    ProblemType[] value();
}
