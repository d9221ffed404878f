package io.github.mpota.maven;

import io.github.mpota.core.client.ClientOptions;
import io.github.mpota.core.mdns.HostResolver;
import io.github.mpota.core.mdns.MdnsResolver;
import java.net.UnknownHostException;
import java.time.Duration;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;

/** A single board's {@code .local} name resolved before the push, by multicast DNS when needed, and said how. */
final class MavenLocalNames {

    private MavenLocalNames() {
    }

    /** {@code options} with the board's address in place of a {@code .local} name; other hosts as they are. */
    static ClientOptions resolve(ClientOptions options, Duration timeout, Log log) throws MojoExecutionException {
        if (!HostResolver.isLocalName(options.host())) {
            return options;
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new MojoExecutionException("-Dota.mdnsTimeout must be more than 0 ms, was " + timeout.toMillis());
        }
        try {
            HostResolver.Resolution r = HostResolver.standard(MdnsResolver.onTheNetwork(timeout))
                    .resolve(options.host());
            log.info(options.host() + " is " + r.address().getHostAddress() + " (by " + r.how() + ")");
            return new ClientOptions(r.address().getHostAddress(), options.port(), options.connectTimeout(),
                    options.replyTimeout(), options.applyTimeout(), options.connectAttempts(), options.retryDelay());
        } catch (UnknownHostException e) {
            throw new MojoExecutionException("cannot find the board " + e.getMessage() + ". Check that it is"
                    + " powered and on this network, or use its IP address (-Dota.host)");
        }
    }
}
