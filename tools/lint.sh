#!/usr/bin/env bash
# Forbidden patterns under src/: wall-clock reads outside the CLI (virtual time only),
# standard-library distributions (their output differs between libraries), and layering edges.
set -euo pipefail
cd "$(dirname "$0")/.."
fail=0
if grep -rnE 'system_clock|steady_clock|high_resolution_clock|\btime\(|gettimeofday|clock_gettime' src --include='*.cpp' --include='*.h' | grep -v '^src/cli/'; then
  echo "lint: wall-clock use outside src/cli/ (simulation code must use virtual time)"; fail=1
fi
if grep -rnE 'std::(uniform_(int|real)|normal|bernoulli|exponential|poisson)_distribution|std::random_device|std::mt19937|rand\(\)' src --include='*.cpp' --include='*.h'; then
  echo "lint: std random facilities are not portable; use engine/random.h"; fail=1
fi
# Layering: a folder may include only the layers listed (docs/architecture.md).
check_layer() {  # folder, allowed include prefixes (regex alternation)
  local dir=$1 allowed=$2
  local bad
  bad=$(grep -rnE '^#include "[a-z_/]+\.h"' "src/$dir" --include='*.cpp' --include='*.h' 2>/dev/null \
        | grep -vE "#include \"($allowed)[/.]" || true)
  if [ -n "$bad" ]; then echo "$bad"; echo "lint: src/$dir includes a layer it may not use"; fail=1; fi
}
check_layer util 'util'
check_layer engine 'engine|util'
check_layer rocketmq/common 'rocketmq/common|util|engine/sim_time'
check_layer strategy 'strategy|rocketmq/common|util'
check_layer rocketmq/namesrv 'rocketmq|engine|strategy|util'
check_layer rocketmq/broker 'rocketmq|engine|strategy|util'
check_layer rocketmq/client 'rocketmq|engine|strategy|util'
check_layer scenario 'scenario|util|rocketmq/common|strategy|engine/sim_time'
check_layer metrics 'metrics|engine|rocketmq/common|strategy|scenario|util'
check_layer import 'import|scenario|rocketmq/common|strategy|util'
check_layer replay 'replay|scenario|rocketmq/common|strategy|engine/sim_time|util'
check_layer report 'report|metrics|scenario|rocketmq/common|strategy|engine/sim_time|util'
exit $fail
