package dev.warren.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Windows installer cannot be built here, so this checks what can go wrong on Linux: that the repository
 * holds one .msi recipe and one upgrade code (two recipes with two codes would make two products that never
 * upgrade each other), and that the service registration calls options the app has.
 */
class WindowsRecipeTest {

    private static final Path PACKAGING = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    private static final Path CHECKOUT = PACKAGING.getParent();
    private static final Path RECIPE = PACKAGING.resolve("windows/build-msi.ps1");
    private static final Pattern GUID = Pattern.compile(
            "\\b\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}\\b");
    /** jpackage asked for an installer, in any of the ways a script or a pom would spell it. */
    private static final Pattern BUILDS_MSI = Pattern.compile("--type\\W+msi\\b");
    private static final Set<String> SCRIPT_SUFFIXES = Set.of(".ps1", ".cmd", ".bat", ".sh", ".xml", ".properties");

    @Test
    void oneRecipeBuildsTheMsi() throws IOException {
        Set<Path> recipes = new TreeSet<>();
        for (Path file : sourceFiles()) {
            String name = file.getFileName().toString();
            if (SCRIPT_SUFFIXES.stream().anyMatch(name::endsWith) && BUILDS_MSI.matcher(Files.readString(file)).find()) {
                recipes.add(CHECKOUT.relativize(file));
            }
        }
        assertEquals(Set.of(CHECKOUT.relativize(RECIPE)), recipes, "the scripts that run jpackage --type msi");
    }

    @Test
    void oneUpgradeCodeInTheRepository() throws IOException {
        Map<String, Set<Path>> codes = new TreeMap<>();
        for (Path file : sourceFiles()) {
            for (String line : Files.readAllLines(file)) {
                if (!line.toLowerCase(Locale.ROOT).contains("upgrade")) {
                    continue;
                }
                Matcher m = GUID.matcher(line);
                while (m.find()) {
                    codes.computeIfAbsent(m.group().toLowerCase(Locale.ROOT), k -> new TreeSet<>())
                            .add(CHECKOUT.relativize(file));
                }
            }
        }
        Matcher inRecipe = Pattern.compile("\\$UpgradeCode = '(" + GUID.pattern() + ")'")
                .matcher(Files.readString(RECIPE));
        assertTrue(inRecipe.find(), RECIPE + " sets no $UpgradeCode");
        assertEquals(Set.of(inRecipe.group(1)), codes.keySet(), "upgrade codes and where: " + codes);
    }

    @Test
    void serviceRegistrationCallsOptionsTheManagerHas() throws IOException {
        String fragment = Files.readString(PACKAGING.resolve("windows/service.wxs.fragment"));
        String manager = Files.readString(CHECKOUT.resolve("app/src/main/java/dev/warren/app/cli/ManagerCommand.java"));
        Matcher command = Pattern.compile("warren-cli\\.exe&quot; manager (--[a-z-]+)\"").matcher(fragment);
        Set<String> options = new TreeSet<>();
        while (command.find()) {
            options.add(command.group(1));
        }
        assertEquals(Set.of("--install", "--uninstall"), options, "what the custom actions run");
        for (String option : options) {
            assertTrue(manager.contains("names = \"" + option + "\""), "ManagerCommand has no " + option);
        }
        assertTrue(Files.readString(RECIPE).contains("warren-cli=$cli"),
                "the recipe builds the warren-cli.exe launcher the custom actions run");
    }

    /** The checkout's files, without build output or git's own. */
    private static List<Path> sourceFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(CHECKOUT)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> Stream.of("target", ".git", "node_modules")
                            .noneMatch(skip -> CHECKOUT.relativize(p).toString().startsWith(skip + "/")
                                    || CHECKOUT.relativize(p).toString().contains("/" + skip + "/")))
                    .filter(p -> {
                        try {
                            return Files.size(p) < 1_000_000 && !Files.readString(p).isEmpty();
                        } catch (IOException | UncheckedIOException e) {
                            return false; // binary (a PNG, an .ico): no recipe or upgrade code in it
                        }
                    })
                    .toList();
        }
    }
}
