package dev.warren.bridge.windows.service;

/** What a service reports to the SCM ({@code SERVICE_STATUS} of an own-process service). */
public record ServiceStatus(int currentState, int controlsAccepted, int win32ExitCode, int serviceSpecificExitCode,
        int checkPoint, int waitHintMillis) {
}
