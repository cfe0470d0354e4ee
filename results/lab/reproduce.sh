#!/usr/bin/env bash
# Rebuilds results/lab from scratch: the three ladders of `modbias lab` (12 rungs, 10 distinct
# models: each trained on the CPU, then measured with `modbias run --model llava_hf` and
# `modbias report` on modbias_synth). Checkpoints and sample logs go to a scratch folder
# ($MODBIAS_LAB_WORK, default a new temporary folder) and are not committed; results/lab gets the
# tables, plots, each rung's reports and timing.json.
# Wall time: see README.md here (2 shared cores; target under 45 minutes).
set -euo pipefail
cd "$(dirname "$0")/../.."
MODBIAS="${MODBIAS:-.venv/bin/modbias}"
WORK="${MODBIAS_LAB_WORK:-$(mktemp -d -t modbias-lab-XXXXXX)}"
export HF_HUB_OFFLINE=1 HF_DATASETS_OFFLINE=1 OMP_NUM_THREADS=1
echo "scratch folder: $WORK"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(date +%s)
"$MODBIAS" lab all --out "$WORK" --results results/lab
echo "wall time: $(( $(date +%s) - start )) s; load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
