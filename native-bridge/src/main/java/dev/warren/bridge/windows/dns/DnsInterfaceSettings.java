package dev.warren.bridge.windows.dns;

import com.sun.jna.Structure;
import com.sun.jna.WString;

/**
 * {@code DNS_INTERFACE_SETTINGS} ({@code netioapi.h}, version 1): 64 bytes on x64 — the {@code ULONG64 Flags} puts
 * 4 bytes of padding after {@code Version}, and {@code ProfileNameServer} ends at 64.
 */
@Structure.FieldOrder({"Version", "Flags", "Domain", "NameServer", "SearchList", "RegistrationEnabled",
        "RegisterAdapterName", "EnableLLMNR", "QueryAdapterName", "ProfileNameServer"})
public class DnsInterfaceSettings extends Structure {

    public static final int DNS_INTERFACE_SETTINGS_VERSION1 = 1;
    public static final long DNS_SETTING_IPV6 = 0x0001;
    public static final long DNS_SETTING_NAMESERVER = 0x0002;
    public static final long DNS_SETTING_SEARCHLIST = 0x0004;

    public int Version;
    public long Flags;
    public WString Domain;
    public WString NameServer;
    public WString SearchList;
    public int RegistrationEnabled;
    public int RegisterAdapterName;
    public int EnableLLMNR;
    public int QueryAdapterName;
    public WString ProfileNameServer;

    public DnsInterfaceSettings() {
        super(ALIGN_MSVC);
    }
}
