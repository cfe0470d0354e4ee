#!/usr/bin/env bash
# Rebuilds results/modbias_synth/ with the real pipeline: each reference model on the full
# modbias_synth (640 items x 9 variants, no --limit), its report, then the leaderboard.
# Run from anywhere with the package installed: bash results/modbias_synth/reproduce.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
out=results/modbias_synth
models=(modbias_oracle modbias_blind modbias_text_follower modbias_leaky)
for model in "${models[@]}"; do
  rm -rf "${out:?}/$model"
  HF_HUB_OFFLINE=1 HF_DATASETS_OFFLINE=1 modbias run --model "$model" --tasks modbias_synth \
    --log_samples --output_path "$out/$model"
  modbias report "$out/$model" --json "$out/$model/report.json" > "$out/$model/report.md"
done
modbias leaderboard "${models[@]/#/$out/}" --out "$out/leaderboard.md" > /dev/null
modbias leaderboard "${models[@]/#/$out/}" --out "$out/leaderboard.json" > /dev/null
