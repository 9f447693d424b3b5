package dev.warren.app.cli;

import dev.warren.app.ipc.ManagerClient;
import dev.warren.app.ipc.ManagerException;
import dev.warren.app.ipc.RpcException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that talks to the manager: connects, runs, and turns every manager error into one line on stderr
 * ({@code warren up: ...}) plus its details, with exit code 1.
 */
abstract class ClientCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ManagerConnection connection;

    /** Does the work; returns the exit code. */
    abstract int run(ManagerClient manager) throws Exception;

    @Override
    public final Integer call() throws Exception {
        try (ManagerClient m = connection.connect()) {
            return run(m);
        } catch (ManagerException e) {
            reportError(e);
            return 1;
        }
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    void reportError(ManagerException e) {
        err().println("warren " + spec.name() + ": " + e.getMessage());
        if (e instanceof RpcException r) {
            r.details().forEach(d -> err().println("  " + d));
        }
        err().flush();
    }
}
