# Builds the Windows installers of minisip with jpackage: msp_v<MAJOR>_x64.msi (phone, Start-menu and desktop
# shortcut) and mss_v<MAJOR>_x64.msi (server console app), each with its own jlinked runtime.
#
# Needs: a JDK 24+ (jpackage that drives WiX 4/5; Temurin recommended) in JAVA_HOME, the WiX toolset on PATH
# (`dotnet tool install --global wix --version 5.0.2`, or WiX 3.14 with an older JDK), and the shaded jars
# (`mvn -B -DskipTests package` first). Run from the repository root:
#   pwsh installers/windows/build-msi.ps1 [-OutDir installers/target-windows]
# The upgrade codes below are fixed forever: Windows Installer uses them to replace an older version in place.
param(
    [string]$OutDir = "installers/target-windows",
    [string]$BuildDir = "target"
)
$ErrorActionPreference = "Stop"

$jdk = $env:JAVA_HOME
if (-not $jdk -or -not (Test-Path "$jdk/bin/jpackage.exe")) { throw "JAVA_HOME must point to a JDK with jpackage" }
$version = (Select-Xml -Path pom.xml -Namespace @{m = "http://maven.apache.org/POM/4.0.0"} `
    -XPath "/m:project/m:version").Node.InnerText
$appVersion = ($version -split '-')[0]          # 10.0.0-SNAPSHOT -> 10.0.0 (MSI versions are numeric)
$major = ($appVersion -split '\.')[0]
$work = Join-Path $OutDir "work"
Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue
New-Item -ItemType Directory -Force $work, $OutDir | Out-Null

# modules jdeps cannot see (EC TLS key exchange, DNS, service loaders, charsets, zip fs)
$extra = "jdk.crypto.ec,jdk.naming.dns,java.naming,java.logging,java.management,jdk.charsets,jdk.zipfs,jdk.unsupported"

# the phone's JVM options (same as the .deb launcher, see installers/src/deb/build-deb.sh)
$phoneJavaOptions = @("--java-options", "-XX:+UseSerialGC", "--java-options", "-Xms16m",
    "--java-options", "-XX:TieredStopAtLevel=1")

function Build-Msi($name, $jar, $mainClass, $upgradeUuid, $description, $outName, [string[]]$winOptions,
        [string[]]$javaOptions) {
    $in = Join-Path $work "$name-in"
    New-Item -ItemType Directory -Force $in | Out-Null
    Copy-Item $jar $in
    $mods = (& "$jdk/bin/jdeps.exe" --multi-release 17 --ignore-missing-deps --print-module-deps $jar | Select-Object -Last 1)
    $runtime = Join-Path $work "$name-runtime"
    & "$jdk/bin/jlink.exe" --add-modules "$mods,$extra" --output $runtime --strip-debug --no-header-files `
        --no-man-pages --compress=zip-6 --generate-cds-archive
    if ($LASTEXITCODE -ne 0) { throw "jlink failed for $name" }
    # the CDS archive for -XX:-UseCompressedOops only serves heaps over 32 GB
    Remove-Item -Force "$runtime/bin/server/classes_nocoops*.jsa" -ErrorAction SilentlyContinue
    $dest = Join-Path $work "$name-out"
    & "$jdk/bin/jpackage.exe" --type msi --dest $dest --name $name --app-version $appVersion --vendor minisip `
        --description $description --copyright "minisip developers" `
        --input $in --main-jar (Split-Path $jar -Leaf) --main-class $mainClass --runtime-image $runtime `
        --java-options "--enable-native-access=ALL-UNNAMED" @javaOptions `
        --win-upgrade-uuid $upgradeUuid --win-per-user-install:$false --win-dir-chooser @winOptions
    if ($LASTEXITCODE -ne 0) { throw "jpackage failed for $name" }
    Move-Item -Force (Get-ChildItem "$dest/*.msi" | Select-Object -First 1).FullName (Join-Path $OutDir $outName)
}

Build-Msi "minisipphone" "phone-app/$BuildDir/minisipphone.jar" "org.minisip.phone.PhoneApp" `
    "9bd44761-429e-4657-baf7-429e70785a10" "minisip SIP softphone with SRTP" "msp_v${major}_x64.msi" `
    @("--win-menu", "--win-menu-group", "minisip", "--win-shortcut") $phoneJavaOptions
Build-Msi "minisipserver-cli" "server-app/$BuildDir/minisipserver.jar" "org.minisip.server.PbxServer" `
    "d3d633b9-12da-42a3-8f1a-da8807eb4893" "minisip SIP PBX server" "mss_v${major}_x64.msi" `
    @("--win-console", "--win-menu", "--win-menu-group", "minisip") @()
Get-ChildItem $OutDir -Filter *.msi | Format-Table Name, Length
