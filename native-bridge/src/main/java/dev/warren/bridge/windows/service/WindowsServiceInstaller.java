package dev.warren.bridge.windows.service;

import dev.warren.bridge.windows.WindowsApiException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;

/**
 * Registers and removes a service through the SCM: {@code warren manager --install | --uninstall}.
 *
 * <p>Install replaces a stopped registration (e.g. one left by an older version at another path) but refuses to
 * touch a running one; the new service is own-process, auto-start, LocalSystem, with an unrestricted service SID
 * (so firewall rules and ACLs can name {@code NT SERVICE\WarrenManager}), restarted by the SCM if it crashes, and
 * started at once.
 */
public final class WindowsServiceInstaller {

    /** The manager service's key name. */
    public static final String MANAGER_SERVICE = "WarrenManager";
    /** Restart 1 s, 5 s and 30 s after the first three crashes of a day. */
    static final List<Integer> RESTART_DELAYS_MILLIS = List.of(1_000, 5_000, 30_000);
    static final int FAILURE_RESET_SECONDS = 86_400;
    static final int ERROR_SERVICE_CANNOT_ACCEPT_CTRL = 1061;
    private static final int DELETE_WAIT_ATTEMPTS = 30;

    private final ServiceControlManager scm;
    private final Duration deletePollInterval;

    public WindowsServiceInstaller(ServiceControlManager scm) {
        this(scm, Duration.ofMillis(300));
    }

    WindowsServiceInstaller(ServiceControlManager scm, Duration deletePollInterval) {
        this.scm = scm;
        this.deletePollInterval = deletePollInterval;
    }

    /** The manager service for the Warren executable at {@code executable}. */
    public static ServiceConfig managerService(String executable) {
        return new ServiceConfig(MANAGER_SERVICE, "Warren Manager",
                "Runs Warren's WireGuard tunnels and serves the Warren app and command line.", executable,
                List.of("manager", "--service"), List.of("Nsi", "TcpIp"));
    }

    public void install(ServiceConfig config) throws IOException {
        long manager = scm.openManager(Winsvc.SC_MANAGER_CONNECT | Winsvc.SC_MANAGER_CREATE_SERVICE);
        try {
            removeStopped(manager, config.name());
            long service = scm.createService(manager, config.name(), config.displayName(),
                    Winsvc.SERVICE_WIN32_OWN_PROCESS, Winsvc.SERVICE_AUTO_START, Winsvc.SERVICE_ERROR_NORMAL,
                    config.binaryPathName(), config.dependencies());
            try {
                configure(service, config);
                scm.start(service);
            } finally {
                scm.close(service);
            }
        } finally {
            scm.close(manager);
        }
    }

    private void configure(long service, ServiceConfig config) throws IOException {
        try {
            scm.changeDescription(service, config.description());
            scm.changeFailureActions(service, FAILURE_RESET_SECONDS, RESTART_DELAYS_MILLIS);
            scm.changeSidType(service, Winsvc.SERVICE_SID_TYPE_UNRESTRICTED);
        } catch (IOException e) {
            try {
                scm.delete(service);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private void removeStopped(long manager, String name) throws IOException {
        long existing;
        try {
            existing = scm.openService(manager, name, Winsvc.SERVICE_QUERY_STATUS | Winsvc.DELETE);
        } catch (WindowsApiException e) {
            if (e.code() == WindowsApiException.ERROR_SERVICE_DOES_NOT_EXIST) {
                return;
            }
            throw e;
        }
        try {
            if (scm.queryState(existing) != Winsvc.SERVICE_STOPPED) {
                throw new IOException("service " + name + " is already installed and running; "
                        + "run 'warren manager --uninstall' first");
            }
            scm.delete(existing);
        } finally {
            scm.close(existing);
        }
        awaitDeletion(manager, name);
    }

    /** The SCM deletes a marked service only once every handle to it is closed, which may take a moment. */
    private void awaitDeletion(long manager, String name) throws IOException {
        for (int attempt = 0; attempt < DELETE_WAIT_ATTEMPTS; attempt++) {
            try {
                scm.close(scm.openService(manager, name, Winsvc.SERVICE_QUERY_STATUS));
            } catch (WindowsApiException e) {
                if (e.code() == WindowsApiException.ERROR_SERVICE_DOES_NOT_EXIST) {
                    return;
                }
                if (e.code() != WindowsApiException.ERROR_SERVICE_MARKED_FOR_DELETE) {
                    throw e;
                }
            }
            try {
                Thread.sleep(deletePollInterval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted waiting for the old " + name + " service to go");
            }
        }
        throw new IOException("the old " + name + " service is still marked for deletion; close the Services "
                + "console (services.msc) or any program holding it open, then try again");
    }

    /** Stops the service if it runs, then deletes it. */
    public void uninstall(String name) throws IOException {
        long manager = scm.openManager(Winsvc.SC_MANAGER_CONNECT);
        try {
            long service;
            try {
                service = scm.openService(manager, name,
                        Winsvc.SERVICE_STOP | Winsvc.SERVICE_QUERY_STATUS | Winsvc.DELETE);
            } catch (WindowsApiException e) {
                if (e.code() == WindowsApiException.ERROR_SERVICE_DOES_NOT_EXIST) {
                    throw new IOException("service " + name + " is not installed", e);
                }
                throw e;
            }
            try {
                try {
                    scm.control(service, Winsvc.SERVICE_CONTROL_STOP);
                } catch (WindowsApiException e) {
                    if (e.code() != WindowsApiException.ERROR_SERVICE_NOT_ACTIVE
                            && e.code() != ERROR_SERVICE_CANNOT_ACCEPT_CTRL) {
                        throw e;
                    }
                }
                scm.delete(service);
            } finally {
                scm.close(service);
            }
        } finally {
            scm.close(manager);
        }
    }
}
