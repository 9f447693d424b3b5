package dev.warren.app.manager;

import java.util.List;
import java.util.Objects;

/**
 * What starting a tunnel changed on the system, in the form needed to undo it without the tunnel's config.
 *
 * @param tunnel         the tunnel's name
 * @param interfaceName  the network interface created for it
 * @param dnsConfigured  whether DNS was set for the interface (resolvconf/resolvectl state to revert)
 * @param policyRules    policy-routing rules added outside the interface (wg-quick's fwmark trick for a default
 *                       route), each as the arguments that delete it, e.g. {@code -4 rule delete table 51820}
 */
public record TunnelResources(String tunnel, String interfaceName, boolean dnsConfigured, List<List<String>> policyRules) {
    public TunnelResources {
        Objects.requireNonNull(tunnel, "tunnel");
        Objects.requireNonNull(interfaceName, "interfaceName");
        policyRules = policyRules == null ? List.of() : policyRules.stream().map(List::copyOf).toList();
    }
}
