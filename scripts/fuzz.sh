#!/usr/bin/env bash
# The fuzz suite (cn.weineng.lti.FuzzIT) with more cases than CI runs: CASES (default 3000) mutated requests per
# surface (the LRS, the REST API, the LTI endpoints) from SEED (default: a new one each run, printed), against the
# application on H2 and on PostgreSQL (when one answers). A failure names the seed and the case; run again with the
# same SEED to replay it. Needs `mvn -B -DskipTests install` first. The per-status tallies are printed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
cases=${CASES:-3000}
seed=${SEED:-$RANDOM$RANDOM}
echo "fuzz: $cases cases per surface, seed $seed"
mvn -B -o verify -pl lti-tool -Dit.test=FuzzIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dfailsafe.failIfNoSpecifiedTests=false -Dfuzz.cases="$cases" -Dfuzz.seed="$seed" | tee target/fuzz.log \
  | grep -E '^fuzz |Tests run:|BUILD|seed [0-9]+ ' || true
grep -q 'BUILD SUCCESS' target/fuzz.log
