#!/usr/bin/env bash
# Known vulnerabilities in the dependency tree, and what is out of date. Writes the "Dependency audit" section of
# docs/reliability.md. Three steps:
#  1. the build's own gate: maven-enforcer's bannedDependencies rule (pom.xml) fails the build on any dependency, direct
#     or transitive, in a version range an advisory names; `mvn validate` runs it (so does every build);
#  2. a CycloneDX SBOM of every module (target/bom.json) and, where vulnerability data can be reached, a scan of it:
#     osv-scanner or grype when installed, else OWASP dependency-check when the NVD answers (NVD_API_KEY recommended);
#  3. every dependency and plugin with a newer version on Maven Central (versions-maven-plugin).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn=(mvn -B -q)
out=target/audit
mkdir -p "$out"

gate="passed"
"${mvn[@]}" validate > "$out/enforcer.log" 2>&1 || gate="FAILED (see $out/enforcer.log)"

"${mvn[@]}" org.cyclonedx:cyclonedx-maven-plugin:2.9.3:makeAggregateBom -DoutputFormat=json -DoutputName=bom \
  -DincludeTestScope=false > "$out/sbom.log" 2>&1
components=$(python3 -c "import json; print(len(json.load(open('target/bom.json'))['components']))")

scan="none: no vulnerability database is reachable from this machine (its network reaches Maven Central, Debian and npm only; none of them publishes CVE or GHSA data for Maven artifacts). Scan target/bom.json where one is: \`osv-scanner --sbom target/bom.json\` or \`grype sbom:target/bom.json\`"
if command -v osv-scanner > /dev/null; then
  osv-scanner --sbom target/bom.json > "$out/scan.txt" 2>&1 || true
  scan="osv-scanner: $(grep -c 'GHSA-\|CVE-' "$out/scan.txt" || true) findings (target/audit/scan.txt)"
elif command -v grype > /dev/null; then
  grype sbom:target/bom.json > "$out/scan.txt" 2>&1 || true
  scan="grype: $(grep -c 'GHSA-\|CVE-' "$out/scan.txt" || true) findings (target/audit/scan.txt)"
elif curl -s -m 10 -o /dev/null https://services.nvd.nist.gov/rest/json/cves/2.0?resultsPerPage=1; then
  mvn -B org.owasp:dependency-check-maven:13.0.0:aggregate -Dformat=JSON -DfailBuildOnCVSS=11 \
    ${NVD_API_KEY:+-DnvdApiKey=$NVD_API_KEY} > "$out/scan.txt" 2>&1 || true
  scan="OWASP dependency-check: $(python3 -c "import json; d=json.load(open('target/dependency-check-report.json')); print(sum(len(x.get('vulnerabilities', [])) for x in d['dependencies']))" 2>/dev/null || echo '?') vulnerabilities (target/dependency-check-report.json)"
fi

"${mvn[@]}" org.codehaus.mojo:versions-maven-plugin:2.23.0:display-dependency-updates \
  -Dversions.outputFile="$out/updates.txt" -DoutputEncoding=UTF-8 -DprocessDependencyManagementTransitive=false > /dev/null 2>&1 || true
newer=$(cat $(find . -name updates.txt -path '*target/audit*') 2>/dev/null | python3 -c '
import re, sys
lines = [l.rstrip() for l in sys.stdin]
out, held = set(), ""
for l in lines:
    if "->" in l:
        joined = (held + " " + l) if held and not re.match(r"^\s*[\w.-]+:[\w.-]+", l) else l
        out.add(re.sub(r"\s*\.{2,}\s*", " ", joined).strip())
        held = ""
    elif re.match(r"^\s*[\w.-]+:[\w.-]+", l):
        held = l.strip()
print("\n".join(sorted(out)))' || true)

section=$(cat <<MD
## Dependency audit

\`scripts/dependency-audit.sh\`, $(date -u +%Y-%m-%d):

- **Banned versions (the build's gate):** $gate. \`pom.xml\`'s enforcer rule bans, direct or transitive, every version
  range below a fix for an advisory that touches what Weineng uses (Jackson, SnakeYAML, H2, the PostgreSQL driver,
  nimbus-jose-jwt, Gson, Log4j 2); each range names its advisory there.
- **SBOM:** \`target/bom.json\` (CycloneDX), $components components outside test scope.
- **Vulnerability scan:** $scan.
- **Newer versions on Maven Central** (upgrades are taken deliberately, with the whole test suite; the gate above is
  what fails a build):

\`\`\`
${newer:-(none)}
\`\`\`
MD
)
python3 - "$section" <<'PY'
import re, sys, pathlib
p = pathlib.Path("docs/reliability.md")
text = p.read_text()
new = sys.argv[1].rstrip() + "\n"
if "## Dependency audit" in text:
    text = re.sub(r"## Dependency audit\n.*?(?=\n## |\Z)", new, text, flags=re.S)
else:
    text = text.rstrip() + "\n\n" + new
p.write_text(text)
PY
echo "gate: $gate; components: $components; scan: ${scan%%:*}"
