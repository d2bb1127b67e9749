#!/usr/bin/env bash
# Renders a Folio --params-file batch as a Slurm job array: array task I of N
# runs `folio render NOTEBOOK --params-file PARAMS --shard I/N`, which renders
# the rows r (0-based) of PARAMS with r mod N == I into one shared output
# folder; a last job, started when every task has ended, runs
# `folio index OUTPUT` to write the index page. The reports and the index are
# byte-identical to what one `folio render --params-file` process writes.
#
# Submit from a login node, in the folder holding the notebook (the output
# folder must be on a filesystem every node sees):
#
#   FOLIO_NOTEBOOK=notebooks/sales-overview.md FOLIO_PARAMS_FILE=runs.csv \
#   FOLIO_OUTPUT=output/batch FOLIO_SHARDS=16 docs/batch/slurm-array.sh
#
# Run that way (no SLURM_ARRAY_TASK_ID), the script submits itself as an
# array of FOLIO_SHARDS tasks (sbatch --array=0-(N-1)) plus the index job
# (--dependency=afterany on the array), and prints both job ids. Inside the
# array, Slurm sets SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT, and the
# task renders its shard. A task whose notebook has a failing block still
# writes its reports and exits 1 (Slurm marks it FAILED); the index lists the
# failed runs and exits 1 too. A task that died before writing leaves its
# rows missing, and `folio index` says which (exit 1): rerun that task with
# `FOLIO_SHARDS=N sbatch --array=I docs/batch/slurm-array.sh` (the same N)
# and then `folio index OUTPUT`.
#
# Settings (environment, exported to the tasks by sbatch's default
# --export=ALL): FOLIO (the folio binary, default `folio` on PATH),
# FOLIO_NOTEBOOK, FOLIO_PARAMS_FILE, FOLIO_OUTPUT (default output/batch),
# FOLIO_SHARDS (default 8; tasks, not rows: a shard renders every N-th row).
#SBATCH --job-name=folio-batch
#SBATCH --cpus-per-task=1
#SBATCH --mem=4G
#SBATCH --time=01:00:00
#SBATCH --output=folio-batch-%A_%a.log
set -euo pipefail

folio="${FOLIO:-folio}"
notebook="${FOLIO_NOTEBOOK:?set FOLIO_NOTEBOOK to the notebook to render}"
params_file="${FOLIO_PARAMS_FILE:?set FOLIO_PARAMS_FILE to the params CSV (one run per row)}"
output="${FOLIO_OUTPUT:-output/batch}"

if [ -z "${SLURM_ARRAY_TASK_ID:-}" ]; then
  # On the login node: submit the array and the index job that follows it.
  shards="${FOLIO_SHARDS:-8}"
  case "$shards" in
    '' | *[!0-9]* | 0) echo "slurm-array.sh: FOLIO_SHARDS must be a whole number ≥ 1, found '$shards'" >&2; exit 2 ;;
  esac
  export FOLIO_SHARDS="$shards"
  array_job=$(sbatch --parsable --array="0-$((shards - 1))" "$0")
  array_job="${array_job%%;*}"  # --parsable prints "jobid[;cluster]"
  index_job=$(sbatch --parsable --job-name=folio-batch-index --dependency="afterany:$array_job" \
    --output=folio-batch-index-%j.log --wrap="$(printf '%q index %q' "$folio" "$output")")
  echo "submitted shards: job $array_job (tasks 0-$((shards - 1))); index: job ${index_job%%;*}"
  exit 0
fi

# Inside the array: the task id is the shard number (submit with
# --array=0-(N-1); a throttle such as %4 is fine). N is FOLIO_SHARDS, which
# the submitting run exports, else the array's task count.
shard="$SLURM_ARRAY_TASK_ID"
count="${FOLIO_SHARDS:-${SLURM_ARRAY_TASK_COUNT:?SLURM_ARRAY_TASK_COUNT is not set; submit with sbatch --array=0-(N-1)}}"
exec "$folio" render "$notebook" --params-file "$params_file" --shard "$shard/$count" --output "$output" --keep-going
