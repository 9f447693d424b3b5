package dev.warren.app.manager;

import dev.warren.bridge.PolicyRule;
import java.util.List;
import java.util.Objects;

/**
 * What starting a tunnel changed on the system, in the form needed to undo it without the tunnel's config.
 *
 * @param tunnel         the tunnel's name
 * @param interfaceName  the network interface created for it
 * @param dnsConfigured  whether DNS was set for the interface (resolvconf/resolvectl state to revert)
 * @param policyRules    policy-routing rules added outside the interface (wg-quick's fwmark trick for a default
 *                       route); unlike routes they outlive the interface
 */
public record TunnelResources(String tunnel, String interfaceName, boolean dnsConfigured, List<PolicyRule> policyRules) {
    public TunnelResources {
        Objects.requireNonNull(tunnel, "tunnel");
        Objects.requireNonNull(interfaceName, "interfaceName");
        policyRules = policyRules == null ? List.of() : List.copyOf(policyRules);
    }
}
