package dev.warren.bridge.windows.dns;

import dev.warren.bridge.windows.WindowsApiException;
import java.util.UUID;

/**
 * The DNS-related Win32 calls, one method per function. {@link JnaDnsApi} is the real thing; the test sources hold
 * a recording fake.
 */
public interface DnsApi {

    /**
     * {@code RtlGetVersion} ({@code ntdll}): the OS build number, e.g. 19041. Unlike {@code GetVersionEx} it does not
     * lie to processes without a compatibility manifest.
     */
    int osBuildNumber() throws WindowsApiException;

    /** {@code SetInterfaceDnsSettings} ({@code iphlpapi}, Windows 10 2004 / build 19041 and later). */
    void setInterfaceDnsSettings(UUID interfaceGuid, DnsSettings settings) throws WindowsApiException;

    /** {@code DnsFlushResolverCache} ({@code dnsapi}). */
    void flushResolverCache() throws WindowsApiException;
}
