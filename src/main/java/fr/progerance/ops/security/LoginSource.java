package fr.progerance.ops.security;

/**
 * The source address of the web request the current thread serves, for the login throttle: set by
 * {@link LoginThrottleFilter} for the length of each request, read where a password is checked
 * ({@link ThrottledIdentityProvider}, {@link CamundaIdentityAuthenticationProvider}). Outside a web
 * request (engine start, jobs) there is none, and password checks are not throttled.
 *
 * <p>The address is the servlet container's {@code getRemoteAddr()}: the socket's peer, unless
 * {@code server.forward-headers-strategy=native} and the peer is one of the trusted proxies
 * ({@code server.tomcat.remoteip.internal-proxies}), in which case Tomcat takes it from
 * {@code X-Forwarded-For}.
 */
public final class LoginSource {

    private static final ThreadLocal<String> ADDRESS = new ThreadLocal<>();

    private LoginSource() {
    }

    /** The current request's source address, or null outside a web request. */
    public static String address() {
        return ADDRESS.get();
    }

    static void set(String address) {
        ADDRESS.set(address);
    }

    static void clear() {
        ADDRESS.remove();
    }
}
