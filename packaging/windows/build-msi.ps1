<#
.SYNOPSIS
    Builds the Warren .msi on Windows x64: a jlink runtime, the jpackage app image with wintun.dll and JNA's
    jnidispatch.dll next to Warren.exe, and an MSI (jpackage + WiX 3.14) that registers the manager service by
    running "warren-cli.exe manager --install" as LocalSystem.

.DESCRIPTION
    NOT RUN YET: this recipe was written on Linux, where it cannot run. See README.md next to it for what has and
    has not been verified, and for what the app must provide (manager --install / --uninstall).

.PARAMETER Wintun
    Path to the amd64 wintun.dll from https://www.wintun.net (bin\amd64\wintun.dll in the release zip). It must
    carry a valid Authenticode signature from WireGuard LLC; the script refuses anything else.

.PARAMETER SkipMaven
    Package app\target as it is instead of running "mvn package" first.

.PARAMETER Output
    Where the .msi goes (default packaging\target\msi).

.EXAMPLE
    .\packaging\windows\build-msi.ps1 -Wintun C:\src\wintun\bin\amd64\wintun.dll
#>
param(
    [Parameter(Mandatory = $true)] [string] $Wintun,
    [switch] $SkipMaven,
    [string] $Output = (Join-Path $PSScriptRoot '..\target\msi')
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

# Fixed for the product's lifetime: Windows Installer recognises upgrades of the same product by this code.
$UpgradeCode = '7e67b5f9-9aca-4309-8c23-a7c54d36a16a'

$packaging = Resolve-Path (Join-Path $PSScriptRoot '..')
$root = Resolve-Path (Join-Path $packaging '..')
$app = Join-Path $root 'app\target'

function Invoke-Checked([string] $exe, [string[]] $arguments) {
    & $exe @arguments
    if ($LASTEXITCODE -ne 0) { throw "$exe failed with exit code $LASTEXITCODE" }
}

# --- Tools -------------------------------------------------------------------------------------------------
if (-not $env:JAVA_HOME -or -not (Test-Path (Join-Path $env:JAVA_HOME 'bin\jpackage.exe'))) {
    throw 'Set JAVA_HOME to a JDK 25 (it must contain bin\jpackage.exe).'
}
$jdk = Join-Path $env:JAVA_HOME 'bin'
$javaVersion = (& (Join-Path $jdk 'java.exe') -version 2>&1 | Select-Object -First 1) -as [string]
if ($javaVersion -notmatch 'version "25([."]|$)') { throw "JAVA_HOME is not a JDK 25: $javaVersion" }
# jpackage picks the WiX generation it finds; the custom-action fragment below is WiX 3 syntax.
if (-not (Get-Command candle.exe -ErrorAction SilentlyContinue) -or -not (Get-Command light.exe -ErrorAction SilentlyContinue)) {
    throw 'WiX Toolset 3.14 is needed: install it and put its bin directory (candle.exe, light.exe) on PATH.'
}

# --- wintun.dll: only the genuine, signed amd64 build ------------------------------------------------------
$signature = Get-AuthenticodeSignature -FilePath $Wintun
if ($signature.Status -ne 'Valid' -or $signature.SignerCertificate.Subject -notmatch 'O=WireGuard LLC') {
    throw "$Wintun is not wintun.dll signed by WireGuard LLC (signature: $($signature.Status), $($signature.SignerCertificate.Subject))"
}
$pe = [IO.File]::ReadAllBytes($Wintun)
$machine = [BitConverter]::ToUInt16($pe, [BitConverter]::ToInt32($pe, 0x3C) + 4)
if ($machine -ne 0x8664) { throw "$Wintun is not the amd64 build (PE machine 0x$('{0:X4}' -f $machine))" }

# --- The app ------------------------------------------------------------------------------------------------
if (-not $SkipMaven) {
    Push-Location $root
    try { Invoke-Checked 'mvn' @('-B', '-ntp', '-q', '-DskipTests', '-pl', 'app', '-am', 'package') } finally { Pop-Location }
}
if (-not (Test-Path (Join-Path $app 'warren.jar'))) { throw "$app\warren.jar is missing: run without -SkipMaven" }
$pom = [xml](Get-Content (Join-Path $root 'pom.xml'))
$version = ($pom.project.version -split '-')[0]   # MSI versions are numeric: 0.1.0-SNAPSHOT -> 0.1.0

$work = Join-Path $Output 'msi-build'
if (Test-Path $work) { Remove-Item -Recurse -Force $work }
New-Item -ItemType Directory -Force -Path $work | Out-Null

# --- Runtime: the same module list as the .deb --------------------------------------------------------------
$modules = (Get-Content (Join-Path $packaging 'runtime-modules.txt') |
        ForEach-Object { ($_ -replace '#.*', '').Trim() } | Where-Object { $_ }) -join ','
$runtime = Join-Path $work 'runtime'
Invoke-Checked (Join-Path $jdk 'jlink.exe') @('--add-modules', $modules, '--output', $runtime, '--strip-debug',
    '--no-header-files', '--no-man-pages', '--generate-cds-archive')
Remove-Item -Force -ErrorAction SilentlyContinue (Join-Path $runtime 'bin\server\classes_nocoops.jsa')

function Expand-JarEntry([string] $jar, [string] $entry, [string] $destination) {
    $scratch = Join-Path $work 'extract'
    New-Item -ItemType Directory -Force -Path $scratch, $destination | Out-Null
    Push-Location $scratch
    try { Invoke-Checked (Join-Path $jdk 'jar.exe') @('xf', $jar, $entry) } finally { Pop-Location }
    Move-Item -Force (Join-Path $scratch $entry) $destination
    Remove-Item -Recurse -Force $scratch
}

# --- App image ----------------------------------------------------------------------------------------------
$inputDir = Join-Path $work 'input'
New-Item -ItemType Directory -Force -Path $inputDir | Out-Null
Copy-Item (Join-Path $app 'warren.jar') $inputDir
Copy-Item -Recurse (Join-Path $app 'lib') (Join-Path $inputDir 'lib')
$icons = Join-Path $work 'icons'
Expand-JarEntry (Get-ChildItem (Join-Path $app 'lib\icons-*.jar')).FullName 'dev/warren/icons/warren.ico' $icons

# Warren.exe is the GUI launcher (no console window), the one the Start menu and desktop shortcuts open.
# warren-cli.exe is the same program with a console, for the CLI and the installer's custom actions: a Windows
# executable is either console or GUI, and a GUI one loses its standard output.
$cli = Join-Path $work 'warren-cli.properties'
Set-Content -Encoding ASCII -Path $cli -Value @(
    'win-console=true', 'win-menu=false', 'win-shortcut=false', 'description=Warren command line')

$image = Join-Path $work 'image'
# JNA loads jnidispatch.dll and wintun.dll by absolute path from the launcher's directory (under Program Files,
# writable only by administrators) and never unpacks a DLL into %TEMP%, where another user could plant one.
Invoke-Checked (Join-Path $jdk 'jpackage.exe') @('--type', 'app-image', '--dest', $image, '--name', 'Warren',
    '--app-version', $version, '--vendor', 'Warren', '--description', 'WireGuard-compatible VPN client',
    '--input', $inputDir, '--main-jar', 'warren.jar', '--main-class', 'dev.warren.app.Main',
    '--runtime-image', $runtime, '--icon', (Join-Path $icons 'warren.ico'),
    '--add-launcher', "warren-cli=$cli",
    '--java-options', '--enable-native-access=ALL-UNNAMED',
    '--java-options', '-Djna.boot.library.path=$BINDIR',
    '--java-options', '-Djna.library.path=$BINDIR',
    '--java-options', '-Djna.nounpack=true')
$appImage = Join-Path $image 'Warren'
Expand-JarEntry (Get-ChildItem (Join-Path $app 'lib\jna-[0-9]*.jar')).FullName 'com/sun/jna/win32-x86-64/jnidispatch.dll' $appImage
Copy-Item $Wintun (Join-Path $appImage 'wintun.dll')

# --- MSI: jpackage's own main.wxs, plus the service registration ------------------------------------------
# The template is taken from this JDK and patched at fixed anchors, failing if they moved, so a JDK update can
# never silently drop the service registration.
$resources = Join-Path $work 'resources'
$extracted = Join-Path $work 'jdk-resources'
Invoke-Checked (Join-Path $jdk 'jimage.exe') @('extract', '--dir', $extracted, '--include',
    'regex:/jdk.jpackage/jdk/jpackage/internal/resources/main.wxs', (Join-Path $env:JAVA_HOME 'lib\modules'))
$template = Get-ChildItem -Recurse -Filter main.wxs $extracted | Select-Object -First 1
if (-not $template) { throw "this JDK's jdk.jpackage module has no main.wxs template" }
$wxs = [IO.File]::ReadAllText($template.FullName)
foreach ($anchor in @('</Product>', '</Wix>', 'http://schemas.microsoft.com/wix/2006/wi', 'Id="INSTALLDIR"')) {
    if (([regex]::Matches($wxs, [regex]::Escape($anchor))).Count -lt 1) {
        throw "jpackage's main.wxs changed (no '$anchor'): review packaging\windows\service.wxs.fragment before packaging"
    }
}
$fragment = [IO.File]::ReadAllText((Join-Path $PSScriptRoot 'service.wxs.fragment'))
$wxs = $wxs.Replace('</Product>', "  <CustomActionRef Id=`"WarrenRegisterService`"/>`r`n  </Product>")
$wxs = $wxs.Replace('</Wix>', "$fragment`r`n</Wix>")
New-Item -ItemType Directory -Force -Path $resources | Out-Null
[IO.File]::WriteAllText((Join-Path $resources 'main.wxs'), $wxs, [Text.UTF8Encoding]::new($false))

Invoke-Checked (Join-Path $jdk 'jpackage.exe') @('--type', 'msi', '--app-image', $appImage, '--dest', $Output,
    '--name', 'Warren', '--app-version', $version, '--vendor', 'Warren',
    '--description', 'WireGuard-compatible VPN client', '--about-url', 'https://warren.dev',
    '--win-upgrade-uuid', $UpgradeCode, '--win-dir-chooser', '--win-menu', '--win-menu-group', 'Warren',
    '--win-shortcut',
    '--resource-dir', $resources)

$msi = Get-ChildItem (Join-Path $Output 'Warren-*.msi') | Sort-Object LastWriteTime | Select-Object -Last 1
$runtimeMiB = [math]::Round(((Get-ChildItem -Recurse -File $runtime | Measure-Object Length -Sum).Sum) / 1MB, 1)
Write-Output "runtime (jlink: $modules): $runtimeMiB MiB"
Write-Output "package: $($msi.FullName) ($([math]::Round($msi.Length / 1MB, 1)) MiB)"
