#!/usr/bin/env bash
# Rebuilds results/published/ from local clones of the four public repositories: every model's
# records (modbias import, gzip-compressed and byte-identical on every run), its report (modbias
# report) and the leaderboard over all of them.
# It reads each file at the pinned commit with `git show` (a clone at any later commit, or a bare
# mirror, works) and downloads nothing.
#
#   bash results/published/reproduce.sh HALLUSIONBENCH MATHVISTA MATHV VISONLYQA
#   (or set HALLUSIONBENCH_REPO, MATHVISTA_REPO, MATHV_REPO, VISONLYQA_REPO)
#
# where each is a clone of github.com/tianyi-lab/HallusionBench, lupantech/MathVista,
# mathllm/MATH-V and psunlpgroup/VisOnlyQA. MODBIAS (default: modbias) is the command to run.
set -euo pipefail
HB=${1:-${HALLUSIONBENCH_REPO:?give the HallusionBench clone}}
MV=${2:-${MATHVISTA_REPO:?give the MathVista clone}}
MATHV=${3:-${MATHV_REPO:?give the MATH-V clone}}
VO=${4:-${VISONLYQA_REPO:?give the VisOnlyQA clone}}
MODBIAS=${MODBIAS:-modbias}
HB_COMMIT=7c6d737d0d7aa5d8dc9ee324bd11649959377e62   # the last commit with GPT-4V's answers
MV_COMMIT=53d525874bdde205128e6b160b7357a88277d479
MATHV_COMMIT=a1f5cc3add200c0cd080fad463e500f44ef1fb41
VO_COMMIT=33a1355dbe467352f6f82d3911636f7cc8de6ada
out=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# extract NAME REPO COMMIT PATH...: the files, at COMMIT, under $work/NAME/ at their repository paths.
extract() {
  local name=$1 repo=$2 commit=$3 path
  shift 3
  for path in "$@"; do
    mkdir -p "$work/$name/$(dirname "$path")"
    git -C "$repo" show "$commit:$path" > "$work/$name/$path"
  done
}

# run NAME FOLDER ARGS...: import (from inside $work/NAME, so that records cite repository paths),
# then report, into $out/FOLDER/.
run() {
  local name=$1 folder=$2
  shift 2
  rm -rf "${out:?}/$folder"
  mkdir -p "$out/$folder"
  (cd "$work/$name" && "$MODBIAS" import "$@" -o "$out/$folder/records.jsonl.gz" > /dev/null)
  "$MODBIAS" report "$out/$folder/records.jsonl.gz" --json "$out/$folder/report.json" > "$out/$folder/report.md"
}

# HallusionBench: GPT-4V, scored by the authors' human labels.
extract hallusionbench "$HB" "$HB_COMMIT" HallusionBench.json
run hallusionbench hallusionbench/gpt-4v hallusionbench HallusionBench.json --model GPT-4V \
  --repo tianyi-lab/HallusionBench --commit "$HB_COMMIT" --max-response-chars 300

# MathVista testmini: multimodal models with the figure, text-only LLMs and baselines without it.
mathvista() {  # mathvista FOLDER MODEL FILE [--without-image]
  local folder=$1 model=$2 file=$3 flag=${4:-}
  extract mathvista "$MV" "$MV_COMMIT" "$file"
  if [[ $flag == --without-image ]]; then set -- --without-image "$file"; else set -- "$file"; fi
  run mathvista "mathvista/$folder" mathvista "$@" --model "$model" --repo lupantech/MathVista \
    --commit "$MV_COMMIT" --max-response-chars 80
}
mathvista bard "Multimodal Bard" results/bard/output_bard.json
mathvista idefics-9b-instruct "IDEFICS-9B-Instruct" results/idefics/output_idefics_9b_instruct.json
mathvista instructblip-vicuna "InstructBLIP (Vicuna)" results/instruct_blip2/output_instruct_blip2_vicuna_13b.json
mathvista llama-adapter-v2-7b "LLaMA-Adapter-V2-7B" results/llama_adapter_v2/output_llama_adapter_v2.json
mathvista llava-llama-2-13b "LLaVA-LLaMA-2-13B" results/llava/output_llava_llama_2_13b.json
mathvista llavar "LLaVAR" results/llavar/output_llavar.json
mathvista minigpt4-llama-2-7b "miniGPT4-LLaMA-2-7B" results/minigpt4/output_minigpt4_llama2.json
mathvista mplug-owl-llama-7b "mPLUG-Owl-LLaMA-7B" results/mplugowl/output_mplugowl_7b_ft.json
mathvista gpt-4 "GPT-4 (text only)" results/gpt4/output_gpt4.json --without-image
mathvista chatgpt "ChatGPT (text only)" results/chatgpt/output_chatgpt.json --without-image
mathvista claude-2 "Claude-2 (text only)" results/claude/output_claude.json --without-image
mathvista gpt-4-2shot-cot "2-shot CoT GPT-4 (text only)" results/gpt4/output_gpt4_2shot_solution.json --without-image
mathvista gpt-4-2shot-pot "2-shot PoT GPT-4 (text only)" results/gpt4/output_gpt4_2shot_code.json --without-image
mathvista chatgpt-2shot-cot "2-shot CoT ChatGPT (text only)" results/chatgpt/output_chatgpt_2shot_solution.json --without-image
mathvista chatgpt-2shot-pot "2-shot PoT ChatGPT (text only)" results/chatgpt/output_chatgpt_2shot_code.json --without-image
mathvista claude-2-2shot-cot "2-shot CoT Claude-2 (text only)" results/claude/output_claude_2shot_solution.json --without-image
mathvista random-chance "Random chance" results/random/output_random_guess.json --without-image
mathvista frequent-guess "Frequent guess" results/random/output_frequent_guess.json --without-image

# MATH-Vision test (3,040 items): multimodal models with the figure, GPT-4 and chance without it.
extract mathv "$MATHV" "$MATHV_COMMIT" data/test.jsonl
mathv() {  # mathv FOLDER MODEL FILE [--without-image]
  local folder=$1 model=$2 file=$3 flag=${4:-}
  extract mathv "$MATHV" "$MATHV_COMMIT" "$file"
  if [[ $flag == --without-image ]]; then set -- --without-image "$file"; else set -- "$file"; fi
  run mathv "mathv/$folder" mathv "$@" --data data/test.jsonl --model "$model" --repo mathllm/MATH-V \
    --commit "$MATHV_COMMIT" --max-response-chars 40
}
mathv gemini-pro "Gemini-Pro" outputs/closed-source/Gemini/Gemini-Pro.jsonl
mathv gemini-pro-cot "Gemini-Pro (CoT)" outputs/closed-source/Gemini/Gemini-Pro-CoT.jsonl
mathv qwen-vl-max "Qwen-VL-Max" outputs/closed-source/Qwen/Qwen-VL-Max.jsonl
mathv qwen-vl-max-cot "Qwen-VL-Max (CoT)" outputs/closed-source/Qwen/Qwen-VL-Max-CoT.jsonl
mathv qwen-vl-plus "Qwen-VL-Plus" outputs/closed-source/Qwen/Qwen-VL-Plus.jsonl
mathv internlm-xcomposer2-vl "InternLM-XComposer2-VL" outputs/open-source/Internlm/InternLM-XComposer2-VL.jsonl
mathv internlm-xcomposer2-vl-cot "InternLM-XComposer2-VL (CoT)" \
  outputs/open-source/Internlm/InternLM-XComposer2-VL-CoT.jsonl
mathv llava-v1.5-13b "LLaVA-v1.5-13B" outputs/open-source/LLavA/LLaVA-v1.5-13B.jsonl
mathv llava-v1.5-7b "LLaVA-v1.5-7B" outputs/open-source/LLavA/LLaVA-v1.5-7B.jsonl
mathv sharegpt4v-13b "ShareGPT4V-13B" outputs/open-source/ShereGPT4V/ShareGPT4V-13B.jsonl
mathv sharegpt4v-7b "ShareGPT4V-7B" outputs/open-source/ShereGPT4V/ShareGPT4V-7B.jsonl
mathv sphinx-moe "SPHINX-MoE" outputs/open-source/Sphinx/SPHINX-MoE.jsonl
mathv sphinx-v2 "SPHINX-v2" outputs/open-source/Sphinx/SPHINX-v2.jsonl
mathv gpt-4-cot "GPT-4 CoT (text only)" "outputs/closed-source/GPT/GPT4-CoT (Text Only).jsonl" --without-image
mathv random-chance "Random chance" outputs/Random-Chance.jsonl --without-image

# VisOnlyQA Eval-Synthetic: each base model fine-tuned per task, answering from the figure alone
# (original) and, a separately fine-tuned checkpoint, from the figure plus its exact text
# description (consistent_hint). The records are scored by modbias's own multiple-choice parser.
tasks=(3d__angle 3d__size syntheticgeometry__angle syntheticgeometry__area syntheticgeometry__length
  syntheticgeometry__quadrilateral syntheticgeometry__triangle)
responses=results/model_responses
for task in "${tasks[@]}"; do
  extract visonlyqa "$VO" "$VO_COMMIT" "dataset/test/synthetic/$task.jsonl" \
    "dataset/test/synthetic_with_text/text_$task.jsonl"
done
mapfile -t vo_files < <(git -C "$VO" ls-tree -r --name-only "$VO_COMMIT" "$responses" |
  grep -E '/eval_synthetic(_with_text)?/.*/prompt=no_reasoning/.*(_20[0-9]{2}|_finetuned_).*\.jsonl$')
visonlyqa() {  # visonlyqa FOLDER MODEL FILE-PREFIX
  local folder=$1 model=$2 prefix=$3 file selected=()
  for file in "${vo_files[@]}"; do
    if [[ $(basename "$file") == "$prefix"* ]]; then selected+=("$file"); fi
  done
  extract visonlyqa "$VO" "$VO_COMMIT" "${selected[@]}"
  run visonlyqa "visonlyqa/$folder" visonlyqa "${selected[@]}" --model "$model" \
    --repo psunlpgroup/VisOnlyQA --commit "$VO_COMMIT"
}
visonlyqa internvl2-4b-finetuned "InternVL2-4B (fine-tuned per task)" InternVL2-4B_
visonlyqa internvl2-8b-finetuned "InternVL2-8B (fine-tuned per task)" InternVL2-8B_
visonlyqa phi-3.5-vision-finetuned "Phi-3.5-vision (fine-tuned per task)" Phi-3.5-vision-instruct_
visonlyqa qwen2-vl-2b-finetuned "Qwen2-VL-2B (fine-tuned per task)" Qwen2-VL-2B-Instruct_finetuned_
visonlyqa qwen2-vl-7b-finetuned "Qwen2-VL-7B (fine-tuned per task)" Qwen2-VL-7B-Instruct_finetuned_

# The leaderboard over every model (labels are the folders, relative to results/published/).
cd "$out"
mapfile -t runs < <(find . -name records.jsonl.gz -printf '%h\n' | sed 's|^\./||' | sort)
"$MODBIAS" leaderboard "${runs[@]}" --out leaderboard.md > /dev/null
"$MODBIAS" leaderboard "${runs[@]}" --out leaderboard.json > /dev/null
