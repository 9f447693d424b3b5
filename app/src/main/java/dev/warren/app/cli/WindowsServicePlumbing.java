package dev.warren.app.cli;

import dev.warren.bridge.Platform;
import dev.warren.bridge.windows.WindowsPlatform;
import dev.warren.bridge.windows.service.WindowsServiceHost;
import dev.warren.bridge.windows.service.WindowsServiceInstaller;
import java.util.Optional;

/**
 * What {@code warren manager --install | --uninstall | --service} needs of Windows: the SCM installer, the service
 * host, and the path of the running Warren executable. Tests substitute recording SCM and dispatcher fakes.
 */
interface WindowsServicePlumbing {

    /** Whether the OS has Windows services at all. */
    boolean available();

    WindowsServiceInstaller installer();

    WindowsServiceHost host(WindowsServiceHost.Body body);

    /** The service was told the machine woke up: the network watcher hears it through the bridge's resume signal. */
    void resumedFromSleep();

    /**
     * The launcher the SCM should start: the jpackage launcher sets {@code jpackage.app-path} to its own full path;
     * a plain {@code java -jar} has no executable of its own to register.
     */
    Optional<String> executable();

    /** The real one, from the running platform's bridge. */
    static WindowsServicePlumbing of(Platform platform) {
        return new WindowsServicePlumbing() {
            @Override
            public boolean available() {
                return platform instanceof WindowsPlatform;
            }

            @Override
            public WindowsServiceInstaller installer() {
                return ((WindowsPlatform) platform).bridge().serviceInstaller();
            }

            @Override
            public WindowsServiceHost host(WindowsServiceHost.Body body) {
                return ((WindowsPlatform) platform).bridge().serviceHost(body);
            }

            @Override
            public void resumedFromSleep() {
                ((WindowsPlatform) platform).bridge().resumeSignal().fire();
            }

            @Override
            public Optional<String> executable() {
                return Optional.ofNullable(System.getProperty("jpackage.app-path"));
            }
        };
    }
}
