@echo off
rem Builds the Warren installer from this directory, which "mvn -Pwindows -DskipTests package" assembled.
rem Run it on Windows (jpackage packages only for the OS it runs on) with a JDK 25 whose bin\ is on PATH and the
rem WiX Toolset that JDK 25's jpackage uses for --type msi.
setlocal
cd /d "%~dp0"
if not exist wintun\wintun.dll (
    echo wintun\wintun.dll is missing; wintun\README.txt says where it comes from. 1>&2
    exit /b 1
)
rem An MSI version is numbers only.
set VERSION=${project.version}
set VERSION=%VERSION:-SNAPSHOT=%

rem 1. The app image: Warren.exe (no console: the GUI) and warren-cli.exe (console: the command line and the
rem    service), the runtime, and input\ as app\.
jpackage --type app-image --name Warren --app-version %VERSION% --vendor Warren ^
    --input input --main-jar warren.jar --main-class dev.warren.app.Main ^
    --java-options --enable-native-access=ALL-UNNAMED ^
    --add-launcher warren-cli=warren-cli.properties ^
    --dest image || exit /b 1

rem 2. wintun.dll next to the executables: Warren loads it from there by absolute path, never through the DLL search
rem    path, and Program Files is writable by administrators only.
copy /y wintun\wintun.dll image\Warren\ >nul || exit /b 1

rem 3. The installer. The upgrade code never changes, so a newer MSI replaces an older one.
jpackage --type msi --app-image image\Warren --name Warren --app-version %VERSION% --vendor Warren ^
    --win-menu --win-shortcut --win-upgrade-uuid 4dd9232b-434f-4b35-905c-bf8c706c69f8 ^
    --dest . || exit /b 1

echo Built Warren-%VERSION%.msi. After installing it, register the manager service from an elevated prompt:
echo     "%ProgramFiles%\Warren\warren-cli.exe" manager --install
